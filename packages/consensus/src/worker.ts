/**
 * Runs the engine off the event loop, in a worker thread. `runInWorker(input)` posts the input to a
 * fresh worker and resolves with the result; the server should keep a long-lived
 * {@link ConsensusEngine} inside its own worker for incremental updates.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { computeConsensus, type ConsensusInput, type ConsensusResult } from './engine.ts';

/** Computes the result of `input` in a worker thread (input and result are structured-cloned). */
export function runInWorker(input: ConsensusInput): Promise<ConsensusResult> {
  return new Promise((resolve, reject) => {
    const moderatedOut = input.moderatedOut ? [...input.moderatedOut].map(String) : undefined;
    const statements = input.statements ? [...input.statements].map(String) : undefined;
    const w = new Worker(new URL(import.meta.url), {
      workerData: { ...input, moderatedOut, statements },
    });
    w.once('message', (m: { ok: true; result: ConsensusResult } | { ok: false; message: string; name: string }) => {
      if (m.ok) resolve(m.result);
      else {
        const e = new Error(m.message);
        e.name = m.name;
        reject(e);
      }
      void w.terminate();
    });
    w.once('error', reject);
  });
}

if (!isMainThread && parentPort && (workerData as { votes?: unknown } | undefined)?.votes) {
  try {
    parentPort.postMessage({ ok: true, result: computeConsensus(workerData as ConsensusInput) });
  } catch (e) {
    const err = e as Error;
    parentPort.postMessage({ ok: false, message: err.message, name: err.name });
  }
}
