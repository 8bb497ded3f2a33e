import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/*
 * One thread's share of the benchmark's WebSocket clients (bench/live/run.ts starts
 * CLIENT_THREADS of them): the measurer gets cores of its own instead of reading 2,000 sockets on
 * the thread that also sends the votes. Each client checks its sequence (lost, duplicated); per
 * event the thread keeps how many of its clients received it and when the last one did (wall
 * clock, so that threads and the server's `at` compare).
 */

export interface ClientsInput {
  urls: string[];
}
export type ClientsMessage =
  | { kind: 'subscribed' }
  | { kind: 'arrivals'; arrivals: [number, { n: number; last: number; at: number; type: string }][]; lost: number; duplicated: number };

const { urls } = workerData as ClientsInput;
const port = parentPort!;
const arrivals = new Map<number, { n: number; last: number; at: number; type: string }>();
let lost = 0;
let duplicated = 0;
// The head of each event in a frame (the server writes seq, type, at first; no event's data has a "seq" key).
const head = /\{"seq":(\d+),"type":"([a-z.]+)","at":"([^"]+)"/g;
const sockets: WebSocket[] = [];

const connect = (url: string) =>
  new Promise<void>((resolve, reject) => {
    let expect = Number(new URL(url).searchParams.get('after')) + 1;
    const ws = new WebSocket(url);
    sockets.push(ws);
    ws.on('message', (raw: Buffer) => {
      const now = performance.timeOrigin + performance.now();
      // Control frames are objects; events come in arrays. Only the events' heads are read (a map
      // update is kilobytes): the measurer must not be the bottleneck.
      if (raw[0] !== 0x5b /* [ */) {
        if (raw.subarray(0, 24).toString().startsWith('{"kind":"ready"')) resolve();
        return;
      }
      const text = raw.toString();
      head.lastIndex = 0;
      for (let m = head.exec(text); m; m = head.exec(text)) {
        const seq = Number(m[1]);
        if (seq < expect) duplicated++;
        else {
          if (seq > expect) lost += seq - expect;
          expect = seq + 1;
        }
        let a = arrivals.get(seq);
        if (!a) arrivals.set(seq, (a = { n: 0, last: 0, at: Date.parse(m[3]!), type: m[2]! }));
        a.n++;
        if (now > a.last) a.last = now;
      }
    });
    ws.on('error', reject);
  });

for (let i = 0; i < urls.length; i += 100) await Promise.all(urls.slice(i, i + 100).map(connect));
port.postMessage({ kind: 'subscribed' } satisfies ClientsMessage);
port.on('message', (m: { kind: 'report' | 'stop' }) => {
  if (m.kind === 'report') port.postMessage({ kind: 'arrivals', arrivals: [...arrivals], lost, duplicated } satisfies ClientsMessage);
  else {
    for (const ws of sockets) ws.terminate();
    port.close();
  }
});
