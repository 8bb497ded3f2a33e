import { describe, expect, it } from 'vitest';
import { liveRefusalCodes, liveSocketRevocations } from '@shangliang/contract';
import { ApiError } from '../../platform/api/client.ts';
import { format } from '../../platform/i18n/index.tsx';
import { enUS } from '../../platform/i18n/en-US.ts';
import { zhCN, type MessageKey } from '../../platform/i18n/zh-CN.ts';
import { liveError, refusalKey } from './errors.ts';

const tIn = (dict: Record<string, string>) => (key: MessageKey, vars?: Record<string, string | number>) => format(dict[key] ?? key, vars);

describe('live refusals', () => {
  it('every refusal code the server may answer has a sentence in Chinese and in English', () => {
    for (const code of liveRefusalCodes) {
      const key = refusalKey(code);
      expect(zhCN[key], `zh-CN ${key}`).toBeTruthy();
      expect(enUS[key], `en-US ${key}`).toBeTruthy();
    }
  });

  it('every reason the server may close the live channel for good has a sentence in both languages', () => {
    for (const code of liveSocketRevocations) {
      const key = `live.revoked.${code}` as MessageKey;
      expect(zhCN[key], `zh-CN ${key}`).toBeTruthy();
      expect(enUS[key], `en-US ${key}`).toBeTruthy();
    }
  });

  it('are said by their code and values, whatever the English message', () => {
    const e = new ApiError(
      409,
      'conflict',
      'anything at all',
      [],
      [{ message: 'x has the floor', code: 'someoneSpeaking', params: { name: '张*三' } }],
    );
    expect(liveError(tIn(zhCN), e)).toBe('张*三 正在发言，请先结束这次发言');
    expect(liveError(tIn(enUS), e)).toBe('张*三 has the floor: end that speech first');
    const field = new ApiError(
      400,
      'validation_failed',
      'body.code: wrong',
      [{ field: 'body.code', message: 'wrong' }],
      [{ field: 'body.code', message: 'wrong', code: 'venueCode' }],
    );
    expect(liveError(tIn(zhCN), field)).toBe(zhCN['live.refusal.venueCode']);
  });

  it('schema checks are said by their field; unknown codes fall back to the generic sentence', () => {
    const long = new ApiError(400, 'validation_failed', 'x', [{ field: 'body.text', message: 'at most 140 characters' }]);
    expect(liveError(tIn(zhCN), long)).toBe(format(zhCN['live.error.tooLong'], { max: 140 }));
    const link = new ApiError(400, 'validation_failed', 'x', [{ field: 'body.venues.0.videoUrl', message: 'an https:// link' }]);
    expect(liveError(tIn(enUS), link)).toBe(enUS['live.error.httpsLink']);
    const other = new ApiError(409, 'conflict', 'x', [], [{ message: 'x', code: 'noSuchCode' }]);
    expect(liveError(tIn(zhCN), other)).toBe(format(zhCN['error.conflict'], { detail: 'x' }));
  });
});
