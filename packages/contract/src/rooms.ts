import { z } from 'zod';
import { abilities, id, text } from './common.ts';

/** A room's profile (the platform link): place, hours, conveners, rules (seed 七). */
export const roomProfileBody = z.strictObject({
  openingHours: text(0, 200).optional(),
  firstConvener: text(0, 60).optional(),
  executiveConvener: text(0, 60).optional(),
  /** 协商工作规则: participation scope, discussion principles, basic procedure, means of exchange. */
  participationScope: text(0, 2000).optional(),
  discussionPrinciples: text(0, 2000).optional(),
  procedure: text(0, 2000).optional(),
  meansOfExchange: text(0, 2000).optional(),
});

export const roomProfile = z.object({
  roomId: id,
  name: z.string(),
  address: z.string().nullable(),
  townName: z.string(),
  openingHours: z.string().nullable(),
  firstConvener: z.string().nullable(),
  executiveConvener: z.string().nullable(),
  participationScope: z.string().nullable(),
  discussionPrinciples: z.string().nullable(),
  procedure: z.string().nullable(),
  meansOfExchange: z.string().nullable(),
  memberStudio: z.string().nullable(),
  contactPoint: z.string().nullable(),
  publicUrl: z.string(),
  abilities,
});

export const publicTopic = z.object({
  id,
  title: z.string(),
  category: z.string(),
  state: z.string(),
  proposerName: z.string(),
  supportCount: z.number().int(),
  createdAt: z.string(),
});

export const publicResult = z.object({
  deliberationId: id,
  title: z.string(),
  state: z.string(),
  meetingAt: z.string().nullable(),
  recommendations: z.array(
    z.object({
      seq: z.number().int(),
      text: z.string(),
      responsibilities: z.array(
        z.object({
          departmentName: z.string(),
          action: z.string(),
          deadline: z.string(),
          state: z.string(),
          feedback: z.string().nullable(),
          feedbackDate: z.string().nullable(),
        }),
      ),
    }),
  ),
});

/** What anyone sees on the room's public page, without logging in. */
export const publicRoom = z.object({
  profile: roomProfile,
  topics: z.array(publicTopic),
  deliberations: z.array(publicResult),
});

export const roomParams = z.strictObject({ id });
export const qrQuery = z.strictObject({ format: z.enum(['png', 'svg']).default('png') });

/** Rooms found by name, for registration and the public pages. */
export const publicRoomListQuery = z.strictObject({
  q: text(0, 64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const publicRoomListItem = z.object({ id, name: z.string(), townName: z.string(), bodyName: z.string() });
