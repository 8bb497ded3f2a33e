import { z } from 'zod';
import { abilities, attachment, attachmentIds, id, isoDate, pageFields, text } from './common.ts';

/** List 1, 协商建议清单: an agreed recommendation with its support in the room. */
export const recommendationBody = z.strictObject({
  text: text(4, 2000),
  rationale: text(0, 5000).optional(),
  agree: z.number().int().min(0).max(10000).default(0),
  disagree: z.number().int().min(0).max(10000).default(0),
  abstain: z.number().int().min(0).max(10000).default(0),
  /** Speeches (or, later, statements) the recommendation rests on. */
  speechIds: z.array(id).max(50).default([]),
});
export const recommendation = z.object({
  id,
  deliberationId: id,
  seq: z.number().int(),
  text: z.string(),
  rationale: z.string().nullable(),
  agree: z.number().int(),
  disagree: z.number().int(),
  abstain: z.number().int(),
  speechIds: z.array(id),
  createdAt: z.string(),
});

export const responsibilityStates = ['assigned', 'accepted', 'inProgress', 'done', 'declined', 'cannotDo'] as const;
export const responsibilityState = z.enum(responsibilityStates);
export type ResponsibilityState = z.infer<typeof responsibilityState>;

/** List 2, 责任落实清单: who carries out a recommendation, by when. */
export const responsibilityBody = z.strictObject({
  departmentId: id,
  personInCharge: text(1, 40),
  action: text(2, 2000),
  deadline: isoDate,
});
export const responsibility = z.object({
  id,
  recommendationId: id,
  deliberationId: id,
  deliberationTitle: z.string(),
  departmentId: id,
  departmentName: z.string(),
  personInCharge: z.string(),
  action: z.string(),
  deadline: z.string(),
  state: responsibilityState,
  reason: z.string().nullable(),
  /** Derived: past its deadline and not finished; days overdue. */
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  feedback: z.string().nullable(),
  feedbackEvidence: z.string().nullable(),
  feedbackDate: z.string().nullable(),
  evidenceFiles: z.array(attachment),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextActions: z.array(z.string()),
  abilities,
});
export type Responsibility = z.infer<typeof responsibility>;

export const responsibilityParams = z.strictObject({ id });
export const responsibilityActionParams = z.strictObject({ id, action: z.enum(['accept', 'start', 'complete', 'decline', 'cannotDo']) });
export const responsibilityTransitionBody = z.strictObject({
  reason: text(0, 1000).optional(),
  /** With `complete`: what was done and the evidence; this becomes list 3's feedback. */
  feedback: text(0, 5000).optional(),
  evidence: text(0, 5000).optional(),
  /** Files of evidence (photos, documents) uploaded first through POST /api/v1/files. */
  evidenceFileIds: attachmentIds,
});
export const progressBody = z.strictObject({ note: text(1, 5000), evidence: text(0, 5000).optional(), evidenceFileIds: attachmentIds });
export const progressReport = z.object({
  id,
  responsibilityId: id,
  note: z.string(),
  evidence: z.string().nullable(),
  at: z.string(),
  byName: z.string(),
  attachments: z.array(attachment),
});

export const recommendationParams = z.strictObject({ id, recommendationId: id });

export const responsibilityListQuery = z.strictObject({
  departmentId: id.optional(),
  deliberationId: id.optional(),
  state: responsibilityState.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ...pageFields,
});

/** 满意 / 基本满意 / 不满意. */
export const ratingValue = z.enum(['satisfied', 'basicallySatisfied', 'unsatisfied']);
export const ratingBody = z.strictObject({ rating: ratingValue, comment: text(0, 1000).optional() });
