import { z } from 'zod';
import { abilities, id, text } from './common.ts';
import { deliberationState, participantCategory } from './deliberations.ts';

const featureKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, { message: 'letters, digits and _, starting with a letter' });

/** A volunteer signs up for a deliberation's lottery with their features (no names are published). */
export const volunteerBody = z.strictObject({
  category: participantCategory,
  /** Other features the convener asked for: community, gender, ageBand, … (at most 8). */
  features: z
    .record(featureKey, text(1, 32))
    .refine((f) => Object.keys(f).length <= 8, { message: 'at most 8 features' })
    .default({}),
});

export const volunteer = z.object({
  id,
  deliberationId: id,
  /** Masked for everyone but the convener and staff. */
  name: z.string(),
  features: z.record(z.string(), z.string()),
  createdAt: z.string(),
});

export const quota = z.strictObject({
  category: text(1, 32),
  feature: text(1, 32),
  min: z.number().int().min(0).max(500),
  max: z.number().int().min(0).max(500),
});

export const runLotteryBody = z.strictObject({
  size: z.number().int().min(1).max(500),
  quotas: z.array(quota).min(1).max(100),
  /** A number drawn in public (dice, a lottery result) or a published value. */
  seed: text(1, 128),
});

export const lottery = z.object({
  deliberationId: id,
  size: z.number().int(),
  quotas: z.array(quota),
  seed: z.string(),
  inputDigest: z.string(),
  engine: z.string(),
  panel: z.array(id),
  probabilities: z.record(z.string(), z.number()),
  minProbability: z.number(),
  publishedAt: z.string().nullable(),
  replacements: z.array(z.object({ declined: id, replacement: id, seed: z.string(), at: z.string() })),
  /** For the actor: `rerun` (before publication), `publish`, `replace` (a declined panel member). */
  abilities,
});

export const lotterySuggestion = z.object({
  size: z.number().int(),
  quotas: z.array(quota),
  poolSize: z.number().int(),
  note: z.string(),
});

export const replaceBody = z.strictObject({ participantId: id });

/**
 * A deliberation's lottery as the public sees it (the room's public page, the sign-up page): no
 * names, the number of volunteers, whether sign-up is open, and for a logged-in person whether
 * they have volunteered.
 */
export const publicLottery = z.object({
  deliberationId: id,
  title: z.string(),
  roomId: id,
  roomName: z.string(),
  state: deliberationState,
  volunteerCount: z.number().int(),
  /** Sign-up is open before scheduling and until the lottery is published. */
  open: z.boolean(),
  publishedAt: z.string().nullable(),
  /** When the logged-in person volunteered; null if they have not (or nobody is logged in). */
  volunteeredAt: z.string().nullable(),
  /** `volunteer`: the actor may sign up now (logged in, open, not yet volunteered). */
  abilities,
});

export type Volunteer = z.infer<typeof volunteer>;
export type Quota = z.infer<typeof quota>;
export type Lottery = z.infer<typeof lottery>;
export type LotterySuggestion = z.infer<typeof lotterySuggestion>;
export type PublicLottery = z.infer<typeof publicLottery>;
