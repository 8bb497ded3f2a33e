import { z } from 'zod';
import { abilities, id, text } from './common.ts';
import { deliberationState, participantCategory } from './deliberations.ts';

const featureKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, { message: 'letters, digits and _, starting with a letter' });

/** The features every sign-up may ask besides `category`, with their closed values (null: the convener's list or free text). */
export const builtInFeatures = {
  community: null,
  gender: ['female', 'male'],
  ageBand: ['18-34', '35-59', '60+'],
} as const;

/**
 * The feature value of a volunteer who did not answer (an optional question skipped, a built-in
 * feature left empty): a value like any other for the lottery, so quotas can name it and every
 * pool row has every category. Reserved: no option or community may be called so.
 */
export const NOT_ANSWERED = 'unknown';

/** The convener's own questions are the features `q1` … `q5`, in the order the convener gave them. */
export const MAX_QUESTIONS = 5;
export const questionKey = (i: number) => `q${i + 1}`;

const optionList = (what: string, minItems: number, maxItems: number) =>
  z
    .array(text(1, 32).refine((s) => !/[\r\n]/.test(s), { message: 'one line' }))
    .min(minItems, { message: `at least ${minItems} ${what}` })
    .max(maxItems, { message: `at most ${maxItems} ${what}` })
    .refine((a) => new Set(a).size === a.length, { message: `${what} must differ from each other` })
    .refine((a) => !a.includes(NOT_ANSWERED), { message: `"${NOT_ANSWERED}" is kept for "not answered"` });

/** A question the convener adds to a deliberation's sign-up: a closed list of options, and why it is asked. */
export const signUpQuestionInput = z.strictObject({
  /** Chinese first, as the volunteers read it: 是否有车. */
  label: text(1, 40),
  /** Why we ask, in a sentence: 车位分配要兼顾有车和无车的居民. */
  why: text(1, 120),
  options: optionList('options', 2, 12),
  /** A volunteer must answer it (default); an optional one left unanswered gives NOT_ANSWERED. */
  required: z.boolean().default(true),
});

export const signUpQuestion = signUpQuestionInput.extend({ key: z.string() });

/**
 * The convener's sign-up form, set before anyone has answered: their own questions (which become
 * lottery features with quotas) and the communities or villages volunteers choose from (empty: typed
 * as free text, which makes quotas fragile).
 */
export const signUpFormBody = z.strictObject({
  questions: z.array(signUpQuestionInput).max(MAX_QUESTIONS, { message: `at most ${MAX_QUESTIONS} questions` }),
  communities: optionList('communities', 0, 30),
});

/** The sign-up as the convener manages it: open or not, the questions, the communities. */
export const signUp = z.object({
  deliberationId: id,
  open: z.boolean(),
  /** Why sign-up is not open: the convener has not opened it (or closed it), the lottery is published, or the deliberation is past preparation. */
  closedReason: z.enum(['notOpened', 'closed', 'published', 'state']).nullable(),
  questions: z.array(signUpQuestion),
  communities: z.array(z.string()),
  volunteerCount: z.number().int(),
  updatedAt: z.string().nullable(),
  /** `open`, `close`, `edit` (questions and communities: only while nobody has answered). */
  abilities,
});

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
  /** In the order drawn; `ordinal` n gives the seed `<seed>/replacement/<n>`. */
  replacements: z.array(z.object({ ordinal: z.number().int(), declined: id, replacement: id, seed: z.string(), at: z.string() })),
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
  /** Sign-up is open when the convener has opened it, before scheduling and until the lottery is published. */
  open: z.boolean(),
  closedReason: signUp.shape.closedReason,
  /** What the sign-up asks besides the built-in features. */
  questions: z.array(signUpQuestion),
  /** The communities to choose from; empty: typed. */
  communities: z.array(z.string()),
  publishedAt: z.string().nullable(),
  /** When the logged-in person volunteered; null if they have not (or nobody is logged in). */
  volunteeredAt: z.string().nullable(),
  /** `volunteer`: the actor may sign up now (logged in, open, not yet volunteered). */
  abilities,
});

/**
 * A published lottery as anyone may check it (no login): the pool as drawn (ids and features,
 * never names), the quotas, the size, the seed, the input digest, the engine, and the panel with
 * names masked; the files and the command that re-run it.
 */
export const publishedLottery = z.object({
  deliberationId: id,
  title: z.string(),
  roomId: id,
  roomName: z.string(),
  size: z.number().int(),
  seed: z.string(),
  inputDigest: z.string(),
  engine: z.string(),
  minProbability: z.number(),
  publishedAt: z.string(),
  categories: z.array(z.string()),
  pool: z.array(z.object({ id: z.string(), features: z.record(z.string(), z.string()) })),
  quotas: z.array(quota),
  /** The panel as drawn, in pool order; names masked (张*三). */
  panel: z.array(z.object({ id: z.string(), name: z.string() })),
  probabilities: z.record(z.string(), z.number()),
  /**
   * Replacements drawn for members who declined, in the order drawn, by pool id (no names): the
   * n-th (`ordinal`) was drawn with the seed `<seed>/replacement/<n>` (`replacementSeedRule`) and
   * `command` re-runs the lottery and replacements 1 … n from the two files (the last one printed
   * is this one).
   */
  replacements: z.array(
    z.object({
      ordinal: z.number().int(),
      declined: z.string(),
      replacement: z.string(),
      seed: z.string(),
      /** `replacementDigest` of the draw (packages/selection: `replace`). */
      digest: z.string(),
      at: z.string(),
      command: z.string(),
    }),
  ),
  /** How a replacement's seed is derived from the lottery's: `<seed>/replacement/<n>`, n = 1, 2, … */
  replacementSeedRule: z.string(),
  questions: z.array(signUpQuestion),
  /** The command that re-runs the draw from the two files (package README: `npm run select`). */
  command: z.string(),
});

export type Volunteer = z.infer<typeof volunteer>;
export type SignUp = z.infer<typeof signUp>;
export type SignUpQuestion = z.infer<typeof signUpQuestion>;
export type SignUpFormBody = z.infer<typeof signUpFormBody>;
export type PublishedLottery = z.infer<typeof publishedLottery>;
export type Quota = z.infer<typeof quota>;
export type Lottery = z.infer<typeof lottery>;
export type LotterySuggestion = z.infer<typeof lotterySuggestion>;
export type PublicLottery = z.infer<typeof publicLottery>;
