/** Malformed pool and quota files are refused with the file, the row and the reason. */
import { describe, expect, it } from 'vitest';
import { buildProblem, MalformedInputError, parseCsv, parsePoolCsv, parseQuotasCsv } from '../src/index.ts';

const POOL = 'id,gender,age\na,f,young\nb,m,old\nc,f,old\nd,m,young\n';
const QUOTAS = 'category,feature,min,max\ngender,f,1,2\ngender,m,1,2\nage,young,1,2\nage,old,1,2\n';

function refused(fn: () => unknown): MalformedInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedInputError);
    return e as MalformedInputError;
  }
  throw new Error('not refused');
}

function build(poolText: string, quotaText: string, size: number) {
  const pool = parsePoolCsv(poolText, 'pool.csv');
  const quotas = parseQuotasCsv(quotaText, 'quotas.csv');
  return buildProblem({
    pool: pool.pool,
    poolSources: pool.sources,
    quotas: quotas.quotas,
    quotaSources: quotas.sources,
    size,
  });
}

describe('file parsing', () => {
  it('reads ids from an id column, or numbers rows from 0', () => {
    expect(parsePoolCsv(POOL).pool.map((v) => v.id)).toEqual(['a', 'b', 'c', 'd']);
    const noId = parsePoolCsv('gender,age\nf,young\nm,old\n');
    expect(noId.pool.map((v) => v.id)).toEqual(['0', '1']);
    expect(noId.pool[1]!.features).toEqual({ gender: 'm', age: 'old' });
  });

  it('handles quotes, CRLF, BOM and blank lines', () => {
    const rows = parseCsv('\ufeffa,"b,c"\r\n\r\n"x ""y""",z\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b,c'] },
      { line: 3, fields: ['x "y"', 'z'] },
    ]);
  });

  it('accepts a well-formed pair', () => {
    expect(build(POOL, QUOTAS, 2).types.length).toBe(4);
  });

  it('refuses a volunteer with a value no quota names (file, row, reason)', () => {
    const e = refused(() => build(POOL.replace('c,f,old', 'c,x,old'), QUOTAS, 2));
    expect(e.file).toBe('pool.csv');
    expect(e.row).toBe(4);
    expect(e.reason).toMatch(/"x".*"gender".*no quota/);
  });

  it('refuses min above max', () => {
    const e = refused(() => parseQuotasCsv(QUOTAS.replace('age,old,1,2', 'age,old,3,2'), 'quotas.csv'));
    expect([e.file, e.row]).toEqual(['quotas.csv', 5]);
    expect(e.reason).toMatch(/min 3 is above max 2/);
  });

  it('refuses a size no quota set allows', () => {
    const low = refused(() => build(POOL, QUOTAS, 1)); // minimums of gender add up to 2
    expect(low.file).toBe('quotas.csv');
    expect(low.row).toBe(4); // first row of category "age" (sorted first)
    expect(low.reason).toMatch(/minimums of category "age" add up to 2, above the panel size 1/);
    const high = refused(() => build(POOL, QUOTAS.replace('gender,m,1,2', 'gender,m,1,1'), 4));
    expect(high.reason).toMatch(/maximums of category "age" add up to 4|maximums of category "gender" add up to 3/);
    const pool = refused(() => build(POOL, QUOTAS.replace(/,2\n/g, ',9\n'), 5));
    expect(pool.reason).toMatch(/4 volunteers, fewer than the panel size 5/);
    expect(refused(() => build(POOL, QUOTAS, 0)).reason).toMatch(/not a whole number >= 1/);
  });

  it('refuses other malformed rows', () => {
    expect(refused(() => parsePoolCsv('id,g\na,f\na,m\n', 'p.csv')).reason).toMatch(/duplicate id "a"/);
    expect(refused(() => parsePoolCsv('id,g\na,f,x\n', 'p.csv')).row).toBe(2);
    expect(refused(() => parsePoolCsv('id,g\na,\n', 'p.csv')).reason).toMatch(/empty value/);
    expect(refused(() => parseQuotasCsv('category,feature,min,max\ng,f,one,2\n', 'q.csv')).reason).toMatch(/"one" is not a whole number/);
    expect(refused(() => parseQuotasCsv('category,feature,min\ng,f,1\n', 'q.csv')).row).toBe(1);
    expect(refused(() => parseQuotasCsv('category,feature,min,max\ng,f,1,2\ng,f,0,1\n', 'q.csv')).reason).toMatch(/second quota/);
    const e = refused(() => build(POOL, QUOTAS + 'region,north,0,1\n', 2));
    expect([e.file, e.row]).toEqual(['quotas.csv', 6]);
    expect(e.reason).toMatch(/"region" is not a column of the pool/);
    const f = refused(() => build('id,gender,age,town\na,f,young,x\nb,m,old,y\n', QUOTAS, 2));
    expect(f.reason).toMatch(/"town" has no quota/);
  });
});
