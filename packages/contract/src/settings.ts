import { z } from 'zod';
import { id } from './common.ts';

/**
 * A body's rules for room deliberations (seed 十一: moderate size, residents and stakeholders
 * taking a real share; seed 七: the procedure). Each county body may set its own; the city's
 * apply where a county has none, and the defaults where neither has.
 */
export const deliberationSettings = z.object({
  topicApprovalRequired: z.boolean(),
  minParticipants: z.number().int().min(2).max(500),
  maxParticipants: z.number().int().min(2).max(500),
  /** Residents plus stakeholders, as a percentage of participants. */
  minPublicSharePct: z.number().int().min(0).max(100),
  researchReportRequired: z.boolean(),
  noticeDays: z.number().int().min(0).max(60),
  /** Days participants may rate after feedback is published; 0: the convener evaluates when the ratings are in. */
  evaluationDays: z.number().int().min(0).max(90),
});
export type DeliberationSettings = z.infer<typeof deliberationSettings>;

export const defaultDeliberationSettings: DeliberationSettings = {
  topicApprovalRequired: true,
  minParticipants: 9,
  maxParticipants: 30,
  // 33 %: "at least a third"; ceil(n × 33 / 100) equals ceil(n / 3) for every size up to 99.
  minPublicSharePct: 33,
  researchReportRequired: true,
  noticeDays: 7,
  evaluationDays: 14,
};

export const settingsParams = z.strictObject({ bodyId: id });
export const updateDeliberationSettingsBody = z
  .strictObject({
    topicApprovalRequired: z.boolean().optional(),
    minParticipants: z.number().int().min(2).max(500).optional(),
    maxParticipants: z.number().int().min(2).max(500).optional(),
    minPublicSharePct: z.number().int().min(0).max(100).optional(),
    researchReportRequired: z.boolean().optional(),
    noticeDays: z.number().int().min(0).max(60).optional(),
    evaluationDays: z.number().int().min(0).max(90).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
