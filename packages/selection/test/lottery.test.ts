/** The public draw: quotas always met, reproducible for a seed, faithful to the probabilities. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildProblem,
  canonicalInput,
  computeLeximin,
  drawPanel,
  inputDigest,
  quotaViolation,
  SeededRandom,
  selectPanel,
  sha256Hex,
} from '../src/index.ts';
import { tinyInstance } from './helpers/instances.ts';
import { loadExample } from './helpers/data.ts';

describe('SHA-256 and the seeded generator', () => {
  it('SHA-256 matches node:crypto', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '商量 十一'.repeat(50)])
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('the generator is SHA-256(seed || 0x00 || uint64be(counter)) read as big-endian words', () => {
    const rng = new SeededRandom('2026-11-27 lottery');
    const words = Array.from({ length: 12 }, () => rng.uint32());
    const expected: number[] = [];
    for (let i = 0; i < 2; i++) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(i));
      const block = createHash('sha256')
        .update(Buffer.concat([Buffer.from('2026-11-27 lottery', 'utf8'), Buffer.from([0]), counter]))
        .digest();
      for (let j = 0; j < 8; j++) expected.push(block.readUInt32BE(j * 4));
    }
    expect(words).toEqual(expected.slice(0, 12));
  });

  it('uniformInt is unbiased enough and in range', () => {
    const rng = new SeededRandom('x');
    const hist = new Array(7).fill(0);
    for (let i = 0; i < 70000; i++) hist[rng.uniformInt(7)]++;
    for (const h of hist) expect(Math.abs(h - 10000)).toBeLessThan(500);
  });
});

describe('input digest', () => {
  const ex = tinyInstance('digest');
  it('is SHA-256 of the documented canonical serialization', () => {
    const canonical = canonicalInput(ex.pool, ex.quotas, ex.size);
    expect(JSON.parse(canonical)[0]).toBe('shangliang/selection-input/v1');
    expect(inputDigest(ex.pool, ex.quotas, ex.size)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });
  it('ignores quota order and feature key order, but not content', () => {
    const d = inputDigest(ex.pool, ex.quotas, ex.size);
    expect(inputDigest(ex.pool, [...ex.quotas].reverse(), ex.size)).toBe(d);
    const reordered = ex.pool.map((v) => ({ id: v.id, features: Object.fromEntries(Object.entries(v.features).reverse()) }));
    expect(inputDigest(reordered, ex.quotas, ex.size)).toBe(d);
    expect(inputDigest(ex.pool, ex.quotas, ex.size + 1)).not.toBe(d);
    const changed = ex.pool.map((v, i) => (i === 0 ? { id: v.id, features: { ...v.features, c0: 'v9' } } : v));
    expect(inputDigest(changed, ex.quotas, ex.size)).not.toBe(d);
  });
});

describe('drawing panels', () => {
  it('every drawn panel meets every quota; same seed, same panel', async () => {
    for (const s of ['a', 'b', 'c', 'd']) {
      const inst = tinyInstance(`draw-${s}`);
      const first = await selectPanel({ ...inst, seed: `seed-${s}` });
      const again = await selectPanel({ ...inst, seed: `seed-${s}` });
      expect(again.panel).toEqual(first.panel);
      expect(again.inputDigest).toBe(first.inputDigest);
      expect(quotaViolation(first.panel, inst.pool, inst.quotas, inst.size)).toBeUndefined();
      const sum = Object.values(first.probabilities).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - inst.size)).toBeLessThan(1e-6);
    }
    const ex = loadExample('example_large_200');
    const input = { pool: ex.pool.pool, quotas: ex.quotas.quotas, size: 200 };
    const allocation = await computeLeximin(buildProblem(input));
    const ids = input.pool.map((v) => v.id);
    for (let s = 0; s < 50; s++) expect(quotaViolation(drawPanel(allocation, `s${s}`, ids), input.pool, input.quotas, 200)).toBeUndefined();
    expect(drawPanel(allocation, 's1', ids)).not.toEqual(drawPanel(allocation, 's2', ids));
  });

  it('the result does not depend on the input order of quotas or pool columns', async () => {
    const inst = tinyInstance('order');
    const a = await selectPanel({ ...inst, seed: 7 });
    const shuffled = inst.pool.map((v) => ({ id: v.id, features: Object.fromEntries(Object.entries(v.features).reverse()) }));
    const b = await selectPanel({ pool: shuffled, quotas: [...inst.quotas].reverse(), size: inst.size, seed: '7' });
    expect(b.panel).toEqual(a.panel);
    expect(b.inputDigest).toBe(a.inputDigest);
  });

  it('draw frequencies over many seeds match the probabilities', async () => {
    const inst = tinyInstance('freq');
    const allocation = await computeLeximin(buildProblem(inst));
    const ids = inst.pool.map((v) => v.id);
    const draws = 4000;
    const hits = new Map(ids.map((id) => [id, 0]));
    for (let s = 0; s < draws; s++) for (const id of drawPanel(allocation, `f${s}`, ids)) hits.set(id, hits.get(id)! + 1);
    for (const id of ids) {
      const p = allocation.probabilities.get(id)!;
      const sd = Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs(hits.get(id)! / draws - p)).toBeLessThan(5 * sd + 1e-9);
    }
  });
});
