/**
 * The seeded generator of the public lottery: SHA-256 in counter mode, chosen because anyone can
 * re-implement it in a few lines with any SHA-256 library.
 *
 *   block_i  = SHA-256( UTF-8(seed) || 0x00 || uint64_be(i) ),  i = 0, 1, 2, ...
 *   the stream of 32-bit words is block_0[0..3], block_0[4..7], ..., block_1[0..3], ... (big-endian)
 *   uniformInt(n): rejection sampling, draw words u until u < floor(2^32 / n) * n, return u mod n
 *   uniform():     (a >>> 5) * 2^26 + (b >>> 6), divided by 2^53, from two consecutive words a, b
 */
import { sha256 } from './sha256.ts';

/** Deterministic random stream for a public seed (see the module comment for the exact algorithm). */
export class SeededRandom {
  private readonly prefix: Uint8Array;
  private counter = 0;
  private words = new Uint32Array(0);
  private next = 0;

  constructor(readonly seed: string) {
    const seedBytes = new TextEncoder().encode(seed);
    this.prefix = new Uint8Array(seedBytes.length + 9);
    this.prefix.set(seedBytes);
    this.prefix[seedBytes.length] = 0;
  }

  /** Next 32-bit word of the stream. */
  uint32(): number {
    if (this.next >= this.words.length) {
      const view = new DataView(this.prefix.buffer);
      const at = this.prefix.length - 8;
      view.setUint32(at, Math.floor(this.counter / 0x100000000));
      view.setUint32(at + 4, this.counter >>> 0);
      this.counter++;
      const block = sha256(this.prefix);
      const bv = new DataView(block.buffer);
      this.words = new Uint32Array(8);
      for (let i = 0; i < 8; i++) this.words[i] = bv.getUint32(i * 4);
      this.next = 0;
    }
    return this.words[this.next++]!;
  }

  /** Uniform integer in [0, n), without modulo bias. */
  uniformInt(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > 0x100000000) throw new RangeError(`uniformInt(${n})`);
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const u = this.uint32();
      if (u < limit) return u % n;
    }
  }

  /** Uniform real in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
