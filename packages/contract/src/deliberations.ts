import { z } from 'zod';
import { abilities, attachment, attachmentIds, id, isoDate, isoDateTime, pageFields, text } from './common.ts';
import { ratingValue } from './lists.ts';

export const deliberationStates = [
  'draft',
  'preparing',
  'scheduled',
  'inSession',
  'outcome',
  'implementing',
  'feedbackPublished',
  'evaluated',
  'closed',
  'cancelled',
] as const;
export const deliberationState = z.enum(deliberationStates);
export type DeliberationState = z.infer<typeof deliberationState>;

/** Who takes part (seed 十一): members, representatives, residents, stakeholders, departments, experts, local worthies. */
export const participantCategories = [
  'member',
  'representative',
  'resident',
  'stakeholder',
  'department',
  'expert',
  'localWorthy',
] as const;
export const participantCategory = z.enum(participantCategories);
export type ParticipantCategory = z.infer<typeof participantCategory>;
/** Residents and stakeholders: the public share the rules protect. */
export const publicCategories: readonly ParticipantCategory[] = ['resident', 'stakeholder'];

export const createDeliberationBody = z.strictObject({ topicId: id, title: text(4, 120).optional() });

export const participationCheck = z.object({
  total: z.number().int(),
  publicCount: z.number().int(),
  minParticipants: z.number().int(),
  maxParticipants: z.number().int(),
  requiredPublic: z.number().int(),
  /** What is missing: `needPublic` 3 means 还需 3 名群众或利益相关方. */
  shortfalls: z.array(z.object({ rule: z.enum(['minParticipants', 'maxParticipants', 'publicShare']), count: z.number().int() })),
});

/** One timed item of the meeting's agenda (签到、情况通报、发言、互动、总结…). */
export const agendaItem = z.strictObject({ title: text(1, 100), minutes: z.number().int().min(1).max(240) });

export const deliberation = z.object({
  id,
  roomId: id,
  roomName: z.string(),
  topicId: id,
  title: z.string(),
  state: deliberationState,
  meetingAt: z.string().nullable(),
  place: z.string().nullable(),
  agenda: z.string().nullable(),
  agendaItems: z.array(agendaItem),
  researchReport: z.string().nullable(),
  minutes: z.string().nullable(),
  cancelReason: z.string().nullable(),
  feedbackPublishedAt: z.string().nullable(),
  /** The quality score once evaluated (docs/quality-rubric.md). */
  quality: z
    .object({
      total: z.number(),
      parts: z.record(z.string(), z.number()),
      weights: z.record(z.string(), z.number()),
      satisfactionRate: z.number(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  participation: participationCheck,
  /** The actor's own rating of the outcome, once given (participants rate once). */
  myRating: ratingValue.nullable(),
  nextActions: z.array(z.string()),
  abilities,
});
export type Deliberation = z.infer<typeof deliberation>;

export const deliberationParams = z.strictObject({ id });
export const deliberationActionParams = z.strictObject({
  id,
  action: z.enum(['prepare', 'schedule', 'open', 'closeMeeting', 'startImplementing', 'publishFeedback', 'evaluate', 'close', 'cancel']),
});
export const deliberationTransitionBody = z.strictObject({ reason: text(0, 500).optional() });

export const updateDeliberationBody = z
  .strictObject({
    title: text(4, 120).optional(),
    meetingAt: isoDateTime.optional(),
    place: text(1, 200).optional(),
    agenda: text(0, 5000).optional(),
    agendaItems: z.array(agendaItem).max(30).optional(),
    researchReport: text(0, 50000).optional(),
    minutes: text(0, 50000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const deliberationListQuery = z.strictObject({
  roomId: id.optional(),
  state: deliberationState.optional(),
  ...pageFields,
});

export const inviteBody = z.strictObject({
  category: participantCategory,
  name: text(1, 40),
  accountId: id.optional(),
  memberId: id.optional(),
  /** The department (org node) a department participant speaks for. */
  departmentId: id.optional(),
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, { message: 'not a valid mobile number' })
    .optional(),
});

export const participant = z.object({
  id,
  deliberationId: id,
  category: participantCategory,
  name: z.string(),
  accountId: id.nullable(),
  departmentId: id.nullable(),
  answer: z.enum(['pending', 'accepted', 'declined']),
  invitedAt: z.string(),
  answeredAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  signedInAt: z.string().nullable(),
  source: z.enum(['invited', 'lottery', 'replacement']),
  /** The volunteer this participant was drawn as (lottery and replacement), else null. */
  volunteerId: id.nullable(),
});
export const participantParams = z.strictObject({ id, participantId: id });
export const answerBody = z.strictObject({ answer: z.enum(['accepted', 'declined']) });

export const researchTaskBody = z.strictObject({ title: text(2, 200), assigneeId: id.optional(), dueDate: isoDate });
export const researchTask = z.object({
  id,
  deliberationId: id,
  title: z.string(),
  assigneeId: id.nullable(),
  dueDate: z.string(),
  findings: z.string().nullable(),
  doneAt: z.string().nullable(),
  attachments: z.array(attachment),
});
export const researchTaskParams = z.strictObject({ id, taskId: id });
export const researchFindingsBody = z.strictObject({ findings: text(1, 20000), attachmentIds });

export const speechBody = z.strictObject({
  participantId: id,
  summary: text(1, 5000),
  /** An exchange between a department and participants (the mandatory interaction step). */
  interaction: z.boolean().default(false),
});
export const speech = z.object({
  id,
  deliberationId: id,
  participantId: id,
  speakerName: z.string(),
  category: participantCategory,
  summary: z.string(),
  interaction: z.boolean(),
  /** Where the speaker spoke in a remote or hybrid meeting (a venue's name), when known. */
  venue: z.string().nullable(),
  at: z.string(),
});

export const selfSignInBody = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'not a valid sign-in code' }) });

/** A room's dashboard: counts and rates over time (issue 3 point 12). */
export const roomDashboard = z.object({
  roomId: id,
  deliberationsByState: z.record(z.string(), z.number().int()),
  topicsByCategory: z.record(z.string(), z.number().int()),
  responsibilities: z.object({
    total: z.number().int(),
    finished: z.number().int(),
    onTime: z.number().int(),
    overdue: z.number().int(),
    onTimeRate: z.number().nullable(),
  }),
  satisfaction: z.object({
    ratings: z.number().int(),
    satisfied: z.number().int(),
    basicallySatisfied: z.number().int(),
    unsatisfied: z.number().int(),
    rate: z.number().nullable(),
  }),
  byMonth: z.array(
    z.object({
      month: z.string(),
      topics: z.number().int(),
      deliberations: z.number().int(),
      responsibilitiesFinished: z.number().int(),
      onTime: z.number().int(),
      ratings: z.number().int(),
      satisfied: z.number().int(),
    }),
  ),
});
