import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('fill the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      expect(placeholders(enUS[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
  it('leave no entry empty', () => {
    for (const [key, v] of [...Object.entries(zhCN), ...Object.entries(enUS)]) expect(v.trim(), key).not.toBe('');
  });
});
