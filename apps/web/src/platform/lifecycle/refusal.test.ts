import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { format } from '../i18n/index.tsx';
import { enUS } from '../i18n/en-US.ts';
import { zhCN, type MessageKey } from '../i18n/zh-CN.ts';
import { refusalLines } from './refusal.ts';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => format(zhCN[key], vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => format(enUS[key], vars);

const refused = (details: unknown[]) => new ApiError(409, 'precondition_failed', 'english reasons', [], details);

describe('a lifecycle refusal in the reader’s language', () => {
  const e = refused([
    { precondition: 'participants', reason: '3 more residents or stakeholders needed', code: 'publicShareShort', params: { count: 3 } },
    { precondition: 'researchReport', reason: 'the research report is missing', code: 'researchReportMissing' },
  ]);

  it('says each failed precondition by its code, with its values', () => {
    expect(refusalLines(zh, e)).toEqual(['参与人员：还需 3 名群众或利益相关方', '调研报告：缺少调研报告']);
    expect(refusalLines(en, e)).toEqual([
      'Participants: 3 more residents or stakeholders needed',
      'Research report: the research report is missing',
    ]);
  });

  it('falls back to the server’s reason for a code the dictionary does not know', () => {
    expect(refusalLines(zh, refused([{ precondition: 'participants', reason: 'something new', code: 'unknownCode' }]))).toEqual([
      '参与人员：something new',
    ]);
  });
});
