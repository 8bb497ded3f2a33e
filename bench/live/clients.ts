import crypto from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/*
 * One thread's share of the benchmark's WebSocket clients (bench/live/run.ts starts
 * CLIENT_THREADS of them): the measurer gets cores of its own instead of reading 2,000 sockets on
 * the thread that also sends the votes. Each client checks its sequence (lost, duplicated); per
 * event the thread keeps how many of its clients received it and when the first and the last one
 * did (wall clock, so that threads and the server's `at` compare).
 *
 * Two client implementations (CLIENT_LIB):
 * - `lean` (default): the RFC 6455 client side written out over a TCP socket: the opening
 *   handshake (101, Sec-WebSocket-Accept checked), then server frames (unmasked; text, close,
 *   ping answered with pong) parsed from the socket's chunks, event heads found with
 *   Buffer.indexOf. On two cores the measurer shares the machine with the server: the `ws`
 *   library's per-message stream machinery cost the clients about 0.8 of a core at 20,000
 *   messages a second, which the server then did not have.
 * - `ws`: the `ws` library, as a browser-like reference (the same figures, a heavier measurer).
 */

export interface ClientsInput {
  urls: string[];
  lib?: 'lean' | 'ws';
  nice?: number;
}
export interface Arrival {
  n: number;
  first: number;
  last: number;
  at: number;
  type: string;
}
export type ClientsMessage =
  { kind: 'subscribed' } | { kind: 'arrivals'; arrivals: [number, Arrival][]; lost: number; duplicated: number; malformed: number };

const { urls, lib = 'lean', nice = 0 } = workerData as ClientsInput;
// Linux's nice is per thread: os.setPriority(n) sets this thread's alone (see run.ts, CLIENT_NICE).
if (nice) os.setPriority(nice);
const port = parentPort!;
const arrivals = new Map<number, Arrival>();
let lost = 0;
let duplicated = 0;
/** Frames the lean client could not read (fragmented, masked, a bad head): must stay 0. */
let malformed = 0;
const closers: (() => void)[] = [];

/** A client's sequence check and the arrival record, for one event head at `i` of `payload`. */
function arrived(state: { expect: number }, payload: Buffer, i: number, now: number) {
  let seq = 0;
  let j = i + HEAD.length;
  for (let c = payload[j]!; c >= 0x30 && c <= 0x39; c = payload[++j]!) seq = seq * 10 + (c - 0x30);
  if (j === i + HEAD.length) return void malformed++;
  if (seq < state.expect) duplicated++;
  else {
    if (seq > state.expect) lost += seq - state.expect;
    state.expect = seq + 1;
  }
  let a = arrivals.get(seq);
  if (!a) {
    // The first client to receive it reads its type and time.
    const m = headRe.exec(payload.toString('latin1', i, i + 120));
    if (!m) return void malformed++;
    arrivals.set(seq, (a = { n: 0, first: now, last: 0, at: Date.parse(m[3]!), type: m[2]! }));
  }
  a.n++;
  if (now > a.last) a.last = now;
}

// The head of each event in a frame (the server writes seq, type, at first; no event's data has a "seq" key).
const HEAD = Buffer.from('{"seq":');
const headRe = /^\{"seq":(\d+),"type":"([a-z.]+)","at":"([^"]+)"/;

/** Reads the event heads of one text payload (an array of events; control frames are objects). */
function onPayload(state: { expect: number; ready: () => void }, payload: Buffer, now: number) {
  if (payload[0] !== 0x5b /* [ */) {
    if (payload.subarray(0, 16).toString() === '{"kind":"ready",') state.ready();
    return;
  }
  for (let i = payload.indexOf(HEAD); i >= 0; i = payload.indexOf(HEAD, i + HEAD.length)) arrived(state, payload, i, now);
}

function leanConnect(url: string): Promise<void> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const state = { expect: Number(u.searchParams.get('after')) + 1, ready: resolve as () => void };
    const key = crypto.randomBytes(16).toString('base64');
    const accept = crypto.createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    const sock = net.connect(Number(u.port), u.hostname);
    sock.setNoDelay(true);
    closers.push(() => sock.destroy());
    let buf: Buffer = Buffer.alloc(0);
    let open = false;
    sock.on('connect', () =>
      sock.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    sock.on('error', reject);
    sock.on('data', (chunk: Buffer) => {
      const now = performance.timeOrigin + performance.now();
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      if (!open) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        if (!head.startsWith('HTTP/1.1 101') || !head.toLowerCase().includes(`sec-websocket-accept: ${accept.toLowerCase()}`))
          return reject(new Error(`no WebSocket upgrade: ${head.split('\r\n')[0]}`));
        open = true;
        buf = buf.subarray(end + 4);
      }
      // Whole frames: FIN + opcode, then the length (7 bits, or 16 or 64 after 126/127), no mask.
      while (buf.length >= 2) {
        const b0 = buf[0]!;
        const b1 = buf[1]!;
        let len = b1 & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) break;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) break;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) break;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        const opcode = b0 & 0x0f;
        if (!(b0 & 0x80) || b1 & 0x80)
          malformed++; // fragmented or masked: a server sends neither here
        else if (opcode === 1) onPayload(state, payload, now);
        else if (opcode === 9)
          sock.write(Buffer.concat([Buffer.from([0x8a, 0x80 | payload.length]), Buffer.alloc(4), payload])); // pong, zero mask
        else if (opcode === 8) sock.end();
        else malformed++;
      }
    });
  });
}

function wsConnect(url: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const state = { expect: Number(new URL(url).searchParams.get('after')) + 1, ready: resolve as () => void };
    const ws = new WebSocket(url);
    closers.push(() => ws.terminate());
    ws.on('message', (raw: Buffer) => onPayload(state, raw, performance.timeOrigin + performance.now()));
    ws.on('error', reject);
  });
}

const connect = lib === 'ws' ? wsConnect : leanConnect;
for (let i = 0; i < urls.length; i += 100) await Promise.all(urls.slice(i, i + 100).map(connect));
port.postMessage({ kind: 'subscribed' } satisfies ClientsMessage);
port.on('message', (m: { kind: 'report' | 'stop' }) => {
  if (m.kind === 'report')
    port.postMessage({ kind: 'arrivals', arrivals: [...arrivals], lost, duplicated, malformed } satisfies ClientsMessage);
  else {
    for (const close of closers) close();
    port.close();
  }
});
