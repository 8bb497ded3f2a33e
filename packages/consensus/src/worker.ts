/**
 * Runs the engine off the event loop, in a worker thread. `runInWorker(input)` posts the input to a
 * fresh worker and resolves with the result; the server should keep a long-lived
 * {@link ConsensusEngine} inside its own worker for incremental updates. The typed-array views of
 * a result (`xy`, `groupOf`, `participantIds`) are not carried over; the records and the state are.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { computeConsensus, type ConsensusInput, type ConsensusResult } from './engine.ts';

/** Computes the result of `input` in a worker thread (input and result are structured-cloned). */
export function runInWorker(input: ConsensusInput): Promise<ConsensusResult> {
  return new Promise((resolve, reject) => {
    const moderatedOut = input.moderatedOut ? [...input.moderatedOut].map(String) : undefined;
    const statements = input.statements ? [...input.statements].map(String) : undefined;
    const self = new URL(import.meta.url);
    const workerData = { ...input, moderatedOut, statements };
    // From TypeScript sources (tsx in development and tests), Node 20 does not carry the loader into
    // workers: register tsx inside the worker first. Built JavaScript loads directly.
    const w = self.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(self.href)}); });`, {
          eval: true,
          workerData,
        })
      : new Worker(self, { workerData });
    w.once('message', (m: { ok: true; result: ConsensusResult; state: unknown } | { ok: false; message: string; name: string }) => {
      if (m.ok) {
        // The state is not enumerable, so it travels separately and is put back the same way.
        Object.defineProperty(m.result, 'state', { value: m.state, enumerable: false });
        resolve(m.result);
      } else {
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
    const result = computeConsensus(workerData as ConsensusInput);
    parentPort.postMessage({ ok: true, result, state: result.state });
  } catch (e) {
    const err = e as Error;
    parentPort.postMessage({ ok: false, message: err.message, name: err.name });
  }
}
