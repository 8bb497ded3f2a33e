import {
  inputDigest,
  InfeasibleQuotasError,
  MalformedInputError,
  SelectionError,
  replace as drawReplacement,
  replacementSeed,
  selectPanel,
  type Quota,
  type Volunteer,
} from '@shangliang/selection';
import type { z } from 'zod';
import type { DeliberationState, runLotteryBody, volunteerBody } from '@shangliang/contract';
import { NOT_ANSWERED, publicCategories } from '@shangliang/contract';
import { audit } from '../../platform/audit/audit.ts';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { AuthedContext, RequestContext } from '../../platform/http/route.ts';
import { newId } from '../../platform/ids.ts';
import { maskName } from '../../platform/privacy.ts';
import { findNode } from '../org/index.ts';
import { settingsAt } from '../rules/index.ts';
import * as store from './deliberations.store.ts';
import { checkAnswers, closedReason, readForm, SIGN_UP_STATES, signUpClosed } from './signup.ts';
import { invite } from './deliberations.service.ts';

/*
 * The fair lottery of participants (issue 5) in the room loop: volunteers sign up with features,
 * the convener sets quotas (suggested from the body's rules), runs a leximin lottery with a public
 * seed (@shangliang/selection), publishes it, and the panel is invited. When a panel member
 * declines, a replacement is drawn that keeps every quota, with a seed derived from the lottery's.
 * Anyone with the published pool (features only), quotas and seed re-runs the draw.
 */

/** The states in which the lottery runs: those of sign-up. */
const OPEN_STATES = SIGN_UP_STATES;
/** The states in which people may still be invited (deliberations.service `invite`). */
const INVITE_STATES = ['draft', 'preparing', 'scheduled'];

/** A volunteer's features as the lottery sees them: `category`, the derived `share`, and the rest. */
function featuresOf(category: string, extra: Record<string, string>): Record<string, string> {
  return { category, share: publicCategories.includes(category as never) ? 'public' : 'other', ...extra };
}

async function loadForRunner(db: Executor, actor: Actor, id: string) {
  const d = await store.findDeliberation(db, id);
  if (!d) throw notFound('deliberation');
  if (!holdsOver(actor, ['convener', 'staff'], d.room_path)) throw forbidden("only the room's convener or staff run the lottery");
  return d;
}

/**
 * The pool with every volunteer carrying the same feature keys (missing ones: NOT_ANSWERED): the
 * features someone gave, and the convener's questions even if nobody answered them, so that each
 * question is a category with quotas.
 */
async function poolOf(db: Executor, id: string) {
  const rows = await db.selectFrom('volunteer').selectAll().where('deliberation_id', '=', id).orderBy('created_at').orderBy('id').execute();
  const parsed = rows.map((r) => ({ row: r, features: JSON.parse(r.features_json) as Record<string, string> }));
  const asked = rows.length ? (await readForm(db, id)).questions.map((q) => q.key) : [];
  const keys = [...new Set([...parsed.flatMap((p) => Object.keys(p.features)), ...asked])].sort();
  const pool: Volunteer[] = parsed.map((p) => ({
    id: p.row.id,
    features: Object.fromEntries(keys.map((k) => [k, p.features[k] ?? NOT_ANSWERED])),
  }));
  return { rows, pool, keys };
}

/** The pool the lottery was drawn from (kept with the draw; older draws: the pool as it is, sign-up being closed since). */
async function drawnPool(db: Executor, l: { deliberation_id: string; pool_json: string | null }): Promise<Volunteer[]> {
  return l.pool_json ? (JSON.parse(l.pool_json) as Volunteer[]) : (await poolOf(db, l.deliberation_id)).pool;
}

/** A resident (or anyone logged in) volunteers for a deliberation, once, answering the sign-up's questions. */
export async function volunteer(ctx: AuthedContext, id: string, body: z.output<typeof volunteerBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await store.findDeliberation(trx, id);
    if (!d) throw notFound('deliberation');
    const form = await readForm(trx, id);
    const l = await trx.selectFrom('lottery').select('published_at').where('deliberation_id', '=', id).executeTakeFirst();
    const reason = closedReason(d.state, form, l?.published_at ?? null);
    if (reason) throw signUpClosed(reason);
    const features = checkAnswers(form, body.features);
    if (
      await trx
        .selectFrom('volunteer')
        .select('id')
        .where('deliberation_id', '=', id)
        .where('account_id', '=', ctx.actor.accountId)
        .executeTakeFirst()
    ) {
      throw conflict('you have already volunteered');
    }
    const row = {
      id: newId(),
      deliberation_id: id,
      account_id: ctx.actor.accountId,
      name: ctx.actor.displayName,
      features_json: JSON.stringify(featuresOf(body.category, features)),
      created_at: nowIso(),
    };
    await trx.insertInto('volunteer').values(row).execute();
    await audit(trx, ctx, { entity: 'volunteer', entityId: row.id, action: 'create', after: row });
    return { id: row.id, deliberationId: id, name: row.name, features: JSON.parse(row.features_json), createdAt: row.created_at };
  });
}

/** The pool: names in full for the convener and staff (and your own); features for everyone (they are published). */
export async function listVolunteers(ctx: AuthedContext, id: string) {
  const d = await store.findDeliberation(ctx.db, id);
  if (!d) throw notFound('deliberation');
  const full = holdsOver(ctx.actor, ['convener', 'staff'], d.room_path);
  const { rows, pool } = await poolOf(ctx.db, id);
  return {
    items: rows.map((r, i) => ({
      id: r.id,
      deliberationId: id,
      name: full || r.account_id === ctx.actor.accountId ? r.name : maskName(r.name),
      features: pool[i]!.features,
      createdAt: r.created_at,
    })),
    nextCursor: null,
    total: rows.length,
  };
}

/**
 * Quotas suggested from the body's rules: the size bounds, residents and stakeholders (`share` =
 * public) at least their share, and every other value present open from 0 to the size.
 */
export async function suggestLottery(ctx: AuthedContext, id: string) {
  const d = await loadForRunner(ctx.db, ctx.actor, id);
  const s = await settingsAt(ctx.db, d.room_id);
  const { pool, keys } = await poolOf(ctx.db, id);
  const invited = Object.values(await store.countParticipants(ctx.db, id)).reduce((a, b) => a + (b ?? 0), 0);
  const size = Math.max(1, Math.min(s.maxParticipants - invited, Math.max(s.minParticipants - invited, 1), pool.length));
  const quotas: Quota[] = [];
  for (const k of keys) {
    for (const value of [...new Set(pool.map((v) => v.features[k]!))].sort()) {
      const min = k === 'share' && value === 'public' ? Math.min(size, Math.ceil((size * s.minPublicSharePct) / 100)) : 0;
      quotas.push({ category: k, feature: value, min, max: size });
    }
  }
  return {
    size,
    quotas,
    poolSize: pool.length,
    note: `按本级规则预填：参与人数 ${s.minParticipants}–${s.maxParticipants} 人（已邀请 ${invited} 人），群众和利益相关方不少于 ${s.minPublicSharePct}%。`,
  };
}

function selectionRefusal(e: unknown): never {
  if (e instanceof InfeasibleQuotasError) {
    throw new AppError(409, 'precondition_failed', e.message, { conflict: e.conflict, relaxation: e.relaxation, totalSlack: e.totalSlack });
  }
  if (e instanceof MalformedInputError) {
    throw new AppError(400, 'validation_failed', `body.quotas: ${e.reason}`, [{ field: 'body.quotas', message: e.reason }]);
  }
  if (e instanceof SelectionError)
    throw new AppError(400, 'validation_failed', `body.quotas: ${e.message}`, [{ field: 'body.quotas', message: e.message }]);
  throw e;
}

/** A lottery's replacements in the order drawn (their ordinals: each one's seed and place in the public command). */
function replacementsOf(db: Executor, id: string) {
  return db.selectFrom('lottery_replacement').selectAll().where('deliberation_id', '=', id).orderBy('ordinal').execute();
}

async function lotteryView(db: Executor, d: store.DeliberationView, actor: Actor) {
  const id = d.id;
  const l = await db.selectFrom('lottery').selectAll().where('deliberation_id', '=', id).executeTakeFirst();
  if (!l) throw notFound('lottery');
  const runner = holdsOver(actor, ['convener', 'staff'], d.room_path);
  const published = l.published_at !== null;
  const reps = await replacementsOf(db, id);
  return {
    deliberationId: id,
    size: l.size,
    quotas: JSON.parse(l.quotas_json) as Quota[],
    seed: l.seed,
    inputDigest: l.input_digest,
    engine: l.engine,
    panel: JSON.parse(l.panel_json) as string[],
    probabilities: JSON.parse(l.probabilities_json) as Record<string, number>,
    minProbability: Number(l.min_probability),
    publishedAt: l.published_at,
    replacements: reps.map((r) => ({
      ordinal: r.ordinal,
      declined: r.declined_volunteer_id,
      replacement: r.replacement_volunteer_id,
      seed: r.seed,
      at: r.at,
    })),
    abilities: {
      rerun: runner && !published && OPEN_STATES.includes(d.state),
      publish: runner && !published && INVITE_STATES.includes(d.state),
      replace: runner && published && INVITE_STATES.includes(d.state),
    },
  };
}

/** Runs (or re-runs, until published) the lottery with quotas, a size and a public seed. */
export async function runLottery(ctx: AuthedContext, id: string, body: z.output<typeof runLotteryBody>) {
  const d = await loadForRunner(ctx.db, ctx.actor, id);
  if (!OPEN_STATES.includes(d.state))
    throw new AppError(409, 'invalid_transition', `the lottery runs before scheduling (the deliberation is ${d.state})`);
  const existing = await ctx.db.selectFrom('lottery').select('published_at').where('deliberation_id', '=', id).executeTakeFirst();
  if (existing?.published_at) throw new AppError(409, 'invalid_transition', 'the lottery has been published; draw replacements instead');
  const { pool } = await poolOf(ctx.db, id);
  for (const [i, q] of body.quotas.entries()) {
    if (q.min > q.max)
      throw new AppError(400, 'validation_failed', `body.quotas.${i}.min: above max`, [
        { field: `body.quotas.${i}.min`, message: 'above max' },
      ]);
  }
  const result = await selectPanel({
    pool,
    quotas: body.quotas,
    size: body.size,
    seed: body.seed,
    poolFile: 'volunteers',
    quotaFile: 'quotas',
  }).catch(selectionRefusal);
  const row = {
    deliberation_id: id,
    size: body.size,
    quotas_json: JSON.stringify(body.quotas),
    seed: result.seed,
    input_digest: result.inputDigest,
    engine: result.engine,
    panel_json: JSON.stringify(result.panel),
    probabilities_json: JSON.stringify(result.probabilities),
    min_probability: result.minProbability,
    created_by: ctx.actor.accountId,
    created_at: nowIso(),
    published_at: null,
    pool_json: JSON.stringify(pool),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('lottery').where('deliberation_id', '=', id).execute();
    await trx.insertInto('lottery').values(row).execute();
    await audit(trx, ctx, {
      entity: 'lottery',
      entityId: id,
      action: 'run',
      after: { seed: row.seed, inputDigest: row.input_digest, size: row.size, panel: result.panel },
    });
  });
  return lotteryView(ctx.db, d, ctx.actor);
}

/** The lottery as drawn (public: features, seed and digest let anyone re-run it). */
export async function getLottery(ctx: AuthedContext, id: string) {
  const d = await store.findDeliberation(ctx.db, id);
  if (!d) throw notFound('deliberation');
  return lotteryView(ctx.db, d, ctx.actor);
}

/** Publishes the lottery and invites the panel as participants (source `lottery`). */
export async function publishLottery(ctx: AuthedContext, id: string) {
  const d = await loadForRunner(ctx.db, ctx.actor, id);
  const l = await ctx.db.selectFrom('lottery').selectAll().where('deliberation_id', '=', id).executeTakeFirst();
  if (!l) throw new AppError(409, 'precondition_failed', 'run the lottery first');
  if (l.published_at) throw conflict('already published');
  // The published pool must be the one drawn from: someone who signed up after the draw had no chance.
  const { pool } = await poolOf(ctx.db, id);
  if (inputDigest(pool, JSON.parse(l.quotas_json) as Quota[], l.size) !== l.input_digest) {
    const text = 'volunteers signed up after the draw; close sign-up and draw again';
    throw new AppError(409, 'precondition_failed', text, [{ reason: text, code: 'poolChanged' }]);
  }
  const panel = JSON.parse(l.panel_json) as string[];
  const vols = await ctx.db.selectFrom('volunteer').selectAll().where('id', 'in', panel).execute();
  for (const vid of panel) {
    const v = vols.find((x) => x.id === vid)!;
    const category = (JSON.parse(v.features_json) as Record<string, string>).category as z.infer<typeof volunteerBody>['category'];
    const p = await invite(ctx, id, { category, name: v.name, accountId: v.account_id }, 'lottery');
    await ctx.db.updateTable('participant').set({ volunteer_id: v.id }).where('id', '=', p.id).execute();
  }
  const at = nowIso();
  await ctx.db.updateTable('lottery').set({ published_at: at }).where('deliberation_id', '=', id).execute();
  await audit(ctx.db, ctx, { entity: 'lottery', entityId: id, action: 'publish', after: { at, panel } });
  return lotteryView(ctx.db, d, ctx.actor);
}

/**
 * Draws a replacement for a panel member who declined, keeping every quota; the n-th replacement's
 * seed is `replacementSeed(lottery seed, n)` (`<seed>/replacement/<n>`), its panel the published
 * one with replacements 1 … n-1 applied and everyone who declined before excluded: exactly what
 * `npm run select -- … --replace <1st declined> … --replace <n-th declined>` replays from the
 * public files.
 */
export async function replaceDeclined(ctx: AuthedContext, id: string, participantId: string) {
  const d = await loadForRunner(ctx.db, ctx.actor, id);
  const l = await ctx.db.selectFrom('lottery').selectAll().where('deliberation_id', '=', id).executeTakeFirst();
  if (!l?.published_at) throw new AppError(409, 'precondition_failed', 'the lottery has not been published');
  const p = await store.findParticipant(ctx.db, id, participantId);
  if (!p) throw notFound('participant');
  if (!p.volunteer_id) throw new AppError(409, 'precondition_failed', 'this participant was not drawn by the lottery');
  if (p.answer !== 'declined') throw new AppError(409, 'precondition_failed', 'only a panel member who declined is replaced');
  const reps = await replacementsOf(ctx.db, id);
  if (reps.some((r) => r.declined_volunteer_id === p.volunteer_id)) throw conflict('a replacement has already been drawn for this person');
  // The current panel: the published one with earlier replacements applied.
  let panel = JSON.parse(l.panel_json) as string[];
  for (const r of reps) panel = panel.map((v) => (v === r.declined_volunteer_id ? r.replacement_volunteer_id : v));
  const excluded = reps.map((r) => r.declined_volunteer_id);
  const pool = await drawnPool(ctx.db, l);
  const ordinal = reps.length + 1;
  const seed = replacementSeed(l.seed, ordinal);
  const result = await drawReplacement({
    pool,
    quotas: JSON.parse(l.quotas_json),
    panel,
    declined: [p.volunteer_id],
    excluded,
    seed,
  }).catch(selectionRefusal);
  const replacementId = result.replacements[0]!;
  const v = await ctx.db.selectFrom('volunteer').selectAll().where('id', '=', replacementId).executeTakeFirstOrThrow();
  const category = (JSON.parse(v.features_json) as Record<string, string>).category as z.infer<typeof volunteerBody>['category'];
  const invited = await invite(ctx, id, { category, name: v.name, accountId: v.account_id }, 'replacement');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('participant').set({ volunteer_id: v.id }).where('id', '=', invited.id).execute();
    const row = {
      id: newId(),
      deliberation_id: id,
      declined_volunteer_id: p.volunteer_id!,
      replacement_volunteer_id: v.id,
      seed: result.seed,
      digest: result.replacementDigest,
      at: nowIso(),
      // Unique per deliberation: a replacement drawn at the same time with the same ordinal is refused (409).
      ordinal,
    };
    await trx.insertInto('lottery_replacement').values(row).execute();
    await audit(trx, ctx, { entity: 'lottery', entityId: id, action: 'replace', after: row });
  });
  return lotteryView(ctx.db, d, ctx.actor);
}

/** The public view of deliberations' lotteries: no names, counts, sign-up open or not, mine. */
async function publicViews(db: Executor, ds: store.DeliberationView[], actor: Actor | null) {
  if (!ds.length) return [];
  const ids = ds.map((d) => d.id);
  const [counts, lotteries, mine, forms] = await Promise.all([
    db
      .selectFrom('volunteer')
      .select(['deliberation_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('deliberation_id', 'in', ids)
      .groupBy('deliberation_id')
      .execute(),
    db.selectFrom('lottery').select(['deliberation_id', 'published_at']).where('deliberation_id', 'in', ids).execute(),
    actor
      ? db
          .selectFrom('volunteer')
          .select(['deliberation_id', 'created_at'])
          .where('deliberation_id', 'in', ids)
          .where('account_id', '=', actor.accountId)
          .execute()
      : Promise.resolve([]),
    Promise.all(ids.map((id) => readForm(db, id))),
  ]);
  return ds.map((d, i) => {
    const publishedAt = lotteries.find((l) => l.deliberation_id === d.id)?.published_at ?? null;
    const form = forms[i]!;
    const reason = closedReason(d.state, form, publishedAt);
    const open = reason === null;
    const volunteeredAt = mine.find((m) => m.deliberation_id === d.id)?.created_at ?? null;
    return {
      deliberationId: d.id,
      title: d.title,
      roomId: d.room_id,
      roomName: d.room_name,
      state: d.state as DeliberationState,
      // COUNT(*) is a string on PostgreSQL (bigint) and a number on SQLite.
      volunteerCount: Number(counts.find((c) => c.deliberation_id === d.id)?.n ?? 0),
      open,
      closedReason: reason,
      questions: form.questions,
      communities: form.communities,
      publishedAt,
      volunteeredAt,
      abilities: { volunteer: open && actor !== null && volunteeredAt === null },
    };
  });
}

/** A room's deliberations that take volunteers (before scheduling) or have published their lottery, for its public page. */
export async function publicLotteries(ctx: RequestContext, roomId: string) {
  const room = await findNode(ctx.db, roomId);
  if (!room || room.kind !== 'room') throw notFound('room');
  const rows = await ctx.db
    .selectFrom('deliberation')
    .select('id')
    .where('room_id', '=', roomId)
    .where((eb) =>
      eb.or([
        eb('state', 'in', OPEN_STATES),
        eb.and([
          eb('state', '!=', 'cancelled'),
          eb('id', 'in', eb.selectFrom('lottery').select('deliberation_id').where('published_at', 'is not', null)),
        ]),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const ds = (await Promise.all(rows.map((r) => store.findDeliberation(ctx.db, r.id)))).filter((d) => d !== undefined);
  return { items: await publicViews(ctx.db, ds, ctx.actor) };
}

/** One deliberation's lottery for the public sign-up page. */
export async function publicLottery(ctx: RequestContext, id: string) {
  const d = await store.findDeliberation(ctx.db, id);
  if (!d || d.state === 'cancelled') throw notFound('deliberation');
  return (await publicViews(ctx.db, [d], ctx.actor))[0]!;
}

/** A published lottery or 404: nothing is public before publication. */
async function loadPublished(db: Executor, id: string) {
  const d = await store.findDeliberation(db, id);
  const l = await db.selectFrom('lottery').selectAll().where('deliberation_id', '=', id).executeTakeFirst();
  if (!d || d.state === 'cancelled' || !l?.published_at) throw notFound('published lottery');
  return { d, l, publishedAt: l.published_at, pool: await drawnPool(db, l) };
}

/** A shell word: the seed quoted so that a POSIX shell passes it unchanged. */
function shellQuote(s: string): string {
  return /^[\w./:=-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The published lottery for anyone to check and re-run (no login; panel names masked). */
export async function publishedLottery(ctx: RequestContext, id: string) {
  const { d, l, publishedAt, pool } = await loadPublished(ctx.db, id);
  const panel = JSON.parse(l.panel_json) as string[];
  const names = await ctx.db.selectFrom('volunteer').select(['id', 'name']).where('deliberation_id', '=', id).execute();
  const reps = await replacementsOf(ctx.db, id);
  const masked = (vid: string) => maskName(names.find((n) => n.id === vid)?.name ?? '');
  const command = `npm run select -- --pool pool.csv --quotas quotas.csv --size ${l.size} --seed ${shellQuote(l.seed)}`;
  return {
    deliberationId: id,
    title: d.title,
    roomId: d.room_id,
    roomName: d.room_name,
    size: l.size,
    seed: l.seed,
    inputDigest: l.input_digest,
    engine: l.engine,
    minProbability: Number(l.min_probability),
    publishedAt,
    categories: Object.keys(pool[0]?.features ?? {}).sort(),
    pool,
    quotas: JSON.parse(l.quotas_json) as Quota[],
    panel: panel.map((v) => ({ id: v, name: masked(v) })),
    probabilities: JSON.parse(l.probabilities_json) as Record<string, number>,
    // Pool ids only: who declined is nobody's business beyond what re-runs the draw.
    replacements: reps.map((r, i) => ({
      ordinal: r.ordinal,
      declined: r.declined_volunteer_id,
      replacement: r.replacement_volunteer_id,
      seed: r.seed,
      digest: r.digest,
      at: r.at,
      command: `${command} ${reps
        .slice(0, i + 1)
        .map((x) => `--replace ${shellQuote(x.declined_volunteer_id)}`)
        .join(' ')} --json`,
    })),
    replacementSeedRule: `${l.seed}/replacement/<n>`,
    questions: (await readForm(ctx.db, id)).questions,
    command: `${command} --json`,
  };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvField(s: string | number): string {
  const v = String(s);
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const csvLines = (rows: (string | number)[][]) => rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';

/** Sends a CSV download (UTF-8 with a BOM, so that Excel reads the Chinese; the command skips it). */
function sendCsv(ctx: RequestContext, file: string, text: string) {
  return ctx.reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(`\uFEFF${text}`);
}

/** The published pool as `npm run select` reads it: `id` then the categories sorted; ids and features only. */
export async function publishedPoolCsv(ctx: RequestContext, id: string) {
  const { pool } = await loadPublished(ctx.db, id);
  const categories = Object.keys(pool[0]?.features ?? {}).sort();
  return sendCsv(ctx, 'pool.csv', csvLines([['id', ...categories], ...pool.map((v) => [v.id, ...categories.map((c) => v.features[c]!)])]));
}

/** The published quotas as `npm run select` reads them: `category,feature,min,max`. */
export async function publishedQuotasCsv(ctx: RequestContext, id: string) {
  const { l } = await loadPublished(ctx.db, id);
  const quotas = JSON.parse(l.quotas_json) as Quota[];
  return sendCsv(
    ctx,
    'quotas.csv',
    csvLines([['category', 'feature', 'min', 'max'], ...quotas.map((q) => [q.category, q.feature, q.min, q.max])]),
  );
}
