import type { z } from 'zod';
import { builtInFeatures, NOT_ANSWERED, questionKey, type SignUpQuestion, type signUpFormBody } from '@shangliang/contract';
import { audit } from '../../platform/audit/audit.ts';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import * as store from './deliberations.store.ts';

/*
 * A deliberation's sign-up for the lottery (issue 5): the convener opens and closes it, and sets,
 * while nobody has answered, their own questions (closed lists of options, each with why it is
 * asked) and the communities or villages volunteers choose from. The questions become lottery
 * features `q1` … `q5`, each required (the default) or optional (skipped: the value NOT_ANSWERED,
 * which quotas can name); a typed community makes a new type of every typo, so a list is offered.
 * The org tree has no communities below a room, so the list is the convener's.
 */

/** The states in which people may sign up (before scheduling). */
export const SIGN_UP_STATES = ['draft', 'preparing'];

export type ClosedReason = 'notOpened' | 'closed' | 'published' | 'state';

export interface SignUpForm {
  open: boolean;
  openedAt: string | null;
  questions: SignUpQuestion[];
  communities: string[];
  updatedAt: string | null;
}

/** The form as stored; a deliberation without a row has a closed sign-up that asks nothing extra. */
export async function readForm(db: Executor, id: string): Promise<SignUpForm> {
  const row = await db.selectFrom('sign_up').selectAll().where('deliberation_id', '=', id).executeTakeFirst();
  if (!row) return { open: false, openedAt: null, questions: [], communities: [], updatedAt: null };
  return {
    open: row.open === 1,
    openedAt: row.opened_at,
    questions: JSON.parse(row.questions_json) as SignUpQuestion[],
    communities: JSON.parse(row.communities_json) as string[],
    updatedAt: row.updated_at,
  };
}

/** Why volunteers cannot sign up now, or null when they can. */
export function closedReason(state: string, form: SignUpForm, publishedAt: string | null): ClosedReason | null {
  // A published lottery says so (and where to check it) even once the meeting is scheduled.
  if (publishedAt) return 'published';
  if (!SIGN_UP_STATES.includes(state)) return 'state';
  if (!form.open) return form.openedAt ? 'closed' : 'notOpened';
  return null;
}

const refusalReasons: Record<ClosedReason, [code: string, reason: string]> = {
  notOpened: ['signUpNotOpened', 'the convener has not opened sign-up yet'],
  closed: ['signUpClosed', 'the convener has closed sign-up'],
  published: ['signUpPublished', 'the lottery has been published'],
  state: ['signUpState', 'sign-up ends when the meeting is scheduled'],
};

/** The 409 a closed sign-up answers, with a code the web says in the reader's language. */
export function signUpClosed(reason: ClosedReason): AppError {
  const [code, text] = refusalReasons[reason];
  return new AppError(409, 'invalid_transition', `sign-up is closed: ${text}`, [{ reason: text, code }]);
}

/** The feature keys a pool carries for this form, besides `category` and `share`. */
export function askedKeys(form: SignUpForm): string[] {
  return [...Object.keys(builtInFeatures), ...form.questions.map((q) => q.key)];
}

/**
 * A volunteer's answers checked against the form: only features the form asks, each from its
 * closed list (a community from the convener's list when there is one), every required question
 * answered. An optional question left unanswered is stored as NOT_ANSWERED, so that the volunteer
 * has a value for it that quotas can name. Refusals name the field (every unanswered required one).
 */
export function checkAnswers(form: SignUpForm, features: Record<string, string>): Record<string, string> {
  const options: Record<string, readonly string[] | null> = { ...builtInFeatures };
  if (form.communities.length) options.community = form.communities;
  for (const q of form.questions) options[q.key] = q.options;
  for (const [k, v] of Object.entries(features)) {
    if (!(k in options)) throw invalid(`body.features.${k}`, 'not asked by this sign-up');
    const allowed = options[k];
    if (allowed && !allowed.includes(v)) throw invalid(`body.features.${k}`, 'not one of the options');
  }
  const missing = form.questions.filter((q) => q.required && !(q.key in features)).map((q) => `body.features.${q.key}`);
  if (missing.length) {
    throw new AppError(
      400,
      'validation_failed',
      `${missing.join(', ')}: required`,
      missing.map((field) => ({ field, message: 'required' })),
    );
  }
  const skipped = form.questions.filter((q) => !(q.key in features)).map((q) => [q.key, NOT_ANSWERED]);
  return { ...features, ...Object.fromEntries(skipped) };
}

async function volunteerCount(db: Executor, id: string): Promise<number> {
  const r = await db
    .selectFrom('volunteer')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('deliberation_id', '=', id)
    .executeTakeFirstOrThrow();
  // COUNT(*) is a string on PostgreSQL (bigint) and a number on SQLite.
  return Number(r.n);
}

async function publishedAtOf(db: Executor, id: string): Promise<string | null> {
  const l = await db.selectFrom('lottery').select('published_at').where('deliberation_id', '=', id).executeTakeFirst();
  return l?.published_at ?? null;
}

async function loadForConvener(db: Executor, actor: Actor, id: string) {
  const d = await store.findDeliberation(db, id);
  if (!d) throw notFound('deliberation');
  if (!holdsOver(actor, ['convener', 'staff'], d.room_path)) throw forbidden("only the room's convener or staff manage sign-up");
  return d;
}

async function signUpView(db: Executor, d: store.DeliberationView, actor: Actor) {
  const form = await readForm(db, d.id);
  const count = await volunteerCount(db, d.id);
  const reason = closedReason(d.state, form, await publishedAtOf(db, d.id));
  const runner = holdsOver(actor, ['convener', 'staff'], d.room_path);
  const canChange = reason === null || reason === 'notOpened' || reason === 'closed';
  return {
    deliberationId: d.id,
    open: reason === null,
    closedReason: reason,
    questions: form.questions,
    communities: form.communities,
    volunteerCount: count,
    updatedAt: form.updatedAt,
    abilities: {
      open: runner && canChange && reason !== null,
      close: runner && reason === null,
      edit: runner && canChange && count === 0,
    },
  };
}

/** The sign-up as its convener manages it. */
export async function getSignUp(ctx: AuthedContext, id: string) {
  const d = await loadForConvener(ctx.db, ctx.actor, id);
  return signUpView(ctx.db, d, ctx.actor);
}

/** Writes the form row (created closed on first write), audited with what changed. */
async function writeForm(
  trx: Executor,
  ctx: AuthedContext,
  id: string,
  before: SignUpForm,
  change: Partial<Pick<SignUpForm, 'open' | 'questions' | 'communities'>>,
  action: string,
) {
  const after = { ...before, ...change };
  const at = nowIso();
  const values = {
    open: after.open ? 1 : 0,
    questions_json: JSON.stringify(after.questions),
    communities_json: JSON.stringify(after.communities),
    opened_at: before.openedAt ?? (after.open ? at : null),
    updated_by: ctx.actor.accountId,
    updated_at: at,
  };
  const exists = await trx.selectFrom('sign_up').select('deliberation_id').where('deliberation_id', '=', id).executeTakeFirst();
  if (exists) await trx.updateTable('sign_up').set(values).where('deliberation_id', '=', id).execute();
  else
    await trx
      .insertInto('sign_up')
      .values({ deliberation_id: id, ...values })
      .execute();
  const pick = (f: SignUpForm) => Object.fromEntries(Object.keys(change).map((k) => [k, f[k as keyof SignUpForm]]));
  await audit(trx, ctx, { entity: 'sign_up', entityId: id, action, before: pick(before), after: pick(after) });
}

/** Sets the convener's questions and communities; only while nobody has answered. */
export async function setSignUpForm(ctx: AuthedContext, id: string, body: z.output<typeof signUpFormBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await loadForConvener(trx, ctx.actor, id);
    const form = await readForm(trx, id);
    const reason = closedReason(d.state, form, await publishedAtOf(trx, id));
    if (reason === 'state' || reason === 'published') throw signUpClosed(reason);
    if ((await volunteerCount(trx, id)) > 0) {
      const text = 'volunteers have already answered; the questions stay as they were asked';
      throw new AppError(409, 'precondition_failed', text, [{ reason: text, code: 'signUpAnswered' }]);
    }
    // Keys are ours (q1 …, in the order given), labels the convener's: the published pool stays
    // readable by the command whatever the labels say.
    const questions = body.questions.map((q, i) => ({ key: questionKey(i), ...q }));
    await writeForm(trx, ctx, id, form, { questions, communities: body.communities }, 'update');
    return signUpView(trx, d, ctx.actor);
  });
}

/** The convener's switch: opens or closes sign-up (audited). */
export async function switchSignUp(ctx: AuthedContext, id: string, open: boolean) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await loadForConvener(trx, ctx.actor, id);
    const form = await readForm(trx, id);
    const reason = closedReason(d.state, form, await publishedAtOf(trx, id));
    if (reason === 'state' || reason === 'published') throw signUpClosed(reason);
    if (form.open === open) {
      const text = open ? 'sign-up is already open' : 'sign-up is already closed';
      throw new AppError(409, 'invalid_transition', text, [{ reason: text, code: open ? 'signUpAlreadyOpen' : 'signUpAlreadyClosed' }]);
    }
    await writeForm(trx, ctx, id, form, { open }, open ? 'open' : 'close');
    return signUpView(trx, d, ctx.actor);
  });
}
