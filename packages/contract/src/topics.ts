import { z } from 'zod';
import { abilities, attachment, attachmentIds, id, pageFields, text } from './common.ts';

/** 公共事务、公共利益、公益事业: the three kinds of grassroots matters a room takes up. */
export const topicCategories = ['publicAffairs', 'publicInterest', 'publicWelfare'] as const;
export const topicCategory = z.enum(topicCategories);

export const topicStates = ['proposed', 'accepted', 'awaitingApproval', 'selected', 'declined', 'merged', 'withdrawn'] as const;
export const topicState = z.enum(topicStates);
export type TopicState = z.infer<typeof topicState>;

/** Who raised it: a resident, a member, or a contact point (staff entering what it collected). */
export const topicSources = ['resident', 'member', 'contactPoint'] as const;
export const topicSource = z.enum(topicSources);

export const proposeTopicBody = z.strictObject({
  roomId: id,
  title: text(4, 80),
  description: text(10, 5000),
  category: topicCategory,
  place: text(0, 200).optional(),
  source: topicSource.optional(),
  attachmentIds,
});

export const topic = z.object({
  id,
  roomId: id,
  roomName: z.string(),
  title: z.string(),
  description: z.string(),
  category: topicCategory,
  place: z.string().nullable(),
  state: topicState,
  source: topicSource,
  /** Masked on public pages (张*三); in full for the convener and staff. */
  proposerName: z.string(),
  supportCount: z.number().int(),
  commentCount: z.number().int(),
  supportedByMe: z.boolean(),
  declineReason: z.string().nullable(),
  mergedIntoId: id.nullable(),
  attachments: z.array(attachment),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextActions: z.array(z.string()),
  abilities,
});
export type Topic = z.infer<typeof topic>;

export const topicParams = z.strictObject({ id });
export const topicActionParams = z.strictObject({
  id,
  action: z.enum(['accept', 'decline', 'merge', 'submitForApproval', 'approve', 'returnForRevision', 'select', 'withdraw']),
});

export const topicTransitionBody = z.strictObject({
  reason: text(0, 500).optional(),
  mergeIntoId: id.optional(),
});

export const topicListQuery = z.strictObject({
  roomId: id.optional(),
  state: topicState.optional(),
  category: topicCategory.optional(),
  q: text(0, 64).optional(),
  ...pageFields,
});

export const topicCommentBody = z.strictObject({ body: text(1, 1000) });
export const topicComment = z.object({ id, topicId: id, authorName: z.string(), body: z.string(), createdAt: z.string() });
