import type { z } from 'zod';
import type {
  Account,
  Role,
  accountListQuery,
  changePasswordBody,
  createAccountBody,
  grantRoleBody,
  loginBody,
  memberListQuery,
  Member,
  registerBody,
} from '@shangliang/contract';
import { audit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { createSession, deleteOtherSessions, deleteSession, loadActor, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { clearFailures, lockedUntil, recordFailure, THROTTLE } from '../../platform/auth/throttle.ts';
import { nowIso } from '../../platform/clock.ts';
import type { AccountRow } from '../../platform/db/schema.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuthedContext, RequestContext } from '../../platform/http/route.ts';
import { newId } from '../../platform/ids.ts';
import { findNode } from '../org/index.ts';
import * as store from './people.store.ts';
import { accountAbilities, canGrant, managedPaths } from './people.policy.ts';

/** A stored account as the API shows it (never the hash). */
export function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    username: r.username,
    phone: r.phone,
    displayName: r.display_name,
    email: r.email ?? null,
    mustChangePassword: r.must_change_password === 1,
    status: r.status as Account['status'],
    createdAt: r.created_at,
  };
}

function meOf(account: AccountRow, actor: Actor) {
  return {
    account: toAccount(account),
    roles: actor.grants.map((g) => ({ id: g.id, role: g.role, nodeId: g.nodeId, nodeName: g.nodeName, nodeKind: g.nodeKind })),
    csrfToken: actor.csrfToken,
  };
}

async function startSession(ctx: RequestContext, account: AccountRow) {
  const { token, expiresAt } = await createSession(ctx.db, {
    accountId: account.id,
    ttlHours: ctx.config.SESSION_TTL_HOURS,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  ctx.reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.COOKIE_SECURE === 'true',
    expires: expiresAt,
  });
  const actor = await loadActor(ctx.db, token);
  return meOf(account, actor!);
}

/**
 * Logs in with a username or phone number. Failures say the same thing whether or not the
 * account exists, take the same time (a dummy hash is verified), and count against both the
 * login and the address; a locked key answers 429 until its lock ends.
 */
export async function login(ctx: RequestContext, body: z.output<typeof loginBody>) {
  const loginKey = `login:${body.login.toLowerCase()}`;
  const ipKey = `ip:${ctx.ip}`;
  const locked = await lockedUntil(ctx.db, [loginKey, ipKey]);
  if (locked) {
    throw new AppError(429, 'too_many_attempts', 'too many failed attempts; try again later', {
      retryAfter: locked.toISOString(),
    });
  }
  const account = await store.findAccountByLogin(ctx.db, body.login);
  const ok = account ? await verifyPassword(account.password_hash, body.password) : await verifyPassword(await dummyHash(), body.password);
  if (!account || !ok || account.status !== 'active') {
    await recordFailure(ctx.db, [
      { key: loginKey, limit: THROTTLE.perLogin },
      { key: ipKey, limit: THROTTLE.perAddress },
    ]);
    throw new AppError(401, 'invalid_credentials', 'wrong login or password');
  }
  await clearFailures(ctx.db, loginKey);
  const me = await startSession(ctx, account);
  await audit(ctx.db, { actor: { accountId: account.id }, ip: ctx.ip }, { entity: 'account', entityId: account.id, action: 'login' });
  return me;
}

/** Ends the current session. */
export async function logout(ctx: AuthedContext) {
  await deleteSession(ctx.db, ctx.actor.sessionId);
  ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
  await audit(ctx.db, ctx, { entity: 'account', entityId: ctx.actor.accountId, action: 'logout' });
  return { ok: true as const };
}

/** The logged-in account with its roles and CSRF token. */
export async function me(ctx: AuthedContext) {
  const account = await store.findAccount(ctx.db, ctx.actor.accountId);
  if (!account) throw notFound('account');
  return meOf(account, ctx.actor);
}

/** Changes the password; ends the account's other sessions. */
export async function changePassword(ctx: AuthedContext, body: z.output<typeof changePasswordBody>) {
  const account = await store.findAccount(ctx.db, ctx.actor.accountId);
  if (!account) throw notFound('account');
  if (!(await verifyPassword(account.password_hash, body.currentPassword))) {
    throw invalid('body.currentPassword', 'wrong password');
  }
  if (body.newPassword === body.currentPassword) throw invalid('body.newPassword', 'must differ from the current password');
  const hashed = await hashPassword(body.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await store.updateAccount(trx, account.id, { password_hash: hashed, must_change_password: 0, updated_at: nowIso() });
    await deleteOtherSessions(trx, account.id, ctx.actor.sessionId);
    await audit(trx, ctx, { entity: 'account', entityId: account.id, action: 'change_password' });
  });
  return { ok: true as const };
}

/** A resident registers with a phone number and a name, and is logged in. */
export async function register(ctx: RequestContext, body: z.output<typeof registerBody>) {
  const hashed = await hashPassword(body.password);
  const account = await ctx.db.transaction().execute(async (trx) => {
    let nodeId = body.nodeId;
    if (nodeId) {
      const node = await findNode(trx, nodeId);
      if (!node || node.archived_at) throw invalid('body.nodeId', 'no such room or town');
      if (!['room', 'town', 'body'].includes(node.kind)) throw invalid('body.nodeId', 'choose a room, a town or a body');
    } else {
      const root = await trx.selectFrom('org_node').select('id').where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
      if (!root) throw new AppError(409, 'precondition_failed', 'the platform has no organisation yet');
      nodeId = root.id;
    }
    if (await store.findAccountByLogin(trx, body.phone)) throw conflict('this phone number is already registered; please log in');
    const t = nowIso();
    const row: AccountRow = {
      id: newId(),
      username: null,
      phone: body.phone,
      display_name: body.displayName,
      password_hash: hashed,
      must_change_password: 0,
      status: 'active',
      created_at: t,
      updated_at: t,
    };
    await store.insertAccount(trx, row);
    await store.insertGrant(trx, { id: newId(), account_id: row.id, role: 'resident', node_id: nodeId, created_at: t });
    await audit(
      trx,
      { actor: { accountId: row.id }, ip: ctx.ip },
      { entity: 'account', entityId: row.id, action: 'register', after: toAccount(row) },
    );
    return row;
  });
  ctx.reply.code(201);
  return startSession(ctx, account);
}

/** A page of the accounts the actor manages. */
export async function listAccounts(ctx: AuthedContext, q: z.output<typeof accountListQuery>) {
  const after = decodeCursor(q.cursor);
  const { rows, total } = await store.listAccounts(
    ctx.db,
    { q: q.q || undefined, role: q.role, underPaths: managedPaths(ctx.actor) },
    after?.id ?? null,
    q.limit,
  );
  const p = pageOf(rows, q.limit, (r) => [r.created_at, r.id]);
  const grants = await store.grantsOf(
    ctx.db,
    p.items.map((r) => r.id),
  );
  const paths = new Map(
    (
      await store.nodePaths(
        ctx.db,
        grants.map((g) => g.node_id),
      )
    ).map((n) => [n.id, n.path]),
  );
  return {
    items: p.items.map((r) => {
      const mine = grants.filter((g) => g.account_id === r.id);
      return {
        ...toAccount(r),
        roles: mine.map((g) => ({ id: g.id, role: g.role as Role, nodeId: g.node_id, nodeName: g.name, nodeKind: g.kind })),
        abilities: accountAbilities(
          ctx.actor,
          mine.map((g) => ({ role: g.role, path: paths.get(g.node_id) ?? '' })),
        ),
      };
    }),
    nextCursor: p.nextCursor,
    total,
  };
}

async function checkGrantable(ctx: AuthedContext, trx: AuthedContext['db'], role: Role, nodeId: string, field: string) {
  const node = await findNode(trx, nodeId);
  if (!node || node.archived_at) throw invalid(field, 'no such node');
  if (!canGrant(ctx.actor, role, node.path)) throw forbidden(`you may not grant ${role} on ${node.name}`);
  return node;
}

/** Staff create an account with a first password that must be changed at first login. */
export async function createAccount(ctx: AuthedContext, body: z.output<typeof createAccountBody>) {
  if (!body.username && !body.phone) throw invalid('body.username', 'give a username or a phone number');
  const hashed = await hashPassword(body.initialPassword);
  return ctx.db.transaction().execute(async (trx) => {
    for (const [i, g] of body.grants.entries()) await checkGrantable(ctx, trx, g.role, g.nodeId, `body.grants.${i}.nodeId`);
    if (body.grants.length === 0 && !managedPaths(ctx.actor).length) throw forbidden();
    const t = nowIso();
    const row: AccountRow = {
      id: newId(),
      username: body.username ?? null,
      phone: body.phone ?? null,
      display_name: body.displayName,
      email: body.email ?? null,
      password_hash: hashed,
      must_change_password: 1,
      status: 'active',
      created_at: t,
      updated_at: t,
    };
    await store.insertAccount(trx, row);
    for (const g of body.grants)
      await store.insertGrant(trx, { id: newId(), account_id: row.id, role: g.role, node_id: g.nodeId, created_at: t });
    await audit(trx, ctx, { entity: 'account', entityId: row.id, action: 'create', after: { ...toAccount(row), grants: body.grants } });
    const grants = await store.grantsOf(trx, [row.id]);
    return {
      ...toAccount(row),
      roles: grants.map((g) => ({ id: g.id, role: g.role as Role, nodeId: g.node_id, nodeName: g.name, nodeKind: g.kind })),
    };
  });
}

/** Grants a role on a node to an account. */
export async function grantRole(ctx: AuthedContext, accountId: string, body: z.output<typeof grantRoleBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const account = await store.findAccount(trx, accountId);
    if (!account) throw notFound('account');
    const node = await checkGrantable(ctx, trx, body.role, body.nodeId, 'body.nodeId');
    const id = newId();
    await store.insertGrant(trx, { id, account_id: accountId, role: body.role, node_id: body.nodeId, created_at: nowIso() });
    await audit(trx, ctx, {
      entity: 'role_grant',
      entityId: id,
      action: 'grant',
      after: { accountId, role: body.role, nodeId: body.nodeId },
    });
    return { id, role: body.role, nodeId: node.id, nodeName: node.name, nodeKind: node.kind };
  });
}

/** Revokes one role grant. */
export async function revokeRole(ctx: AuthedContext, accountId: string, grantId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const grant = await store.findGrant(trx, grantId);
    if (!grant || grant.account_id !== accountId) throw notFound('role grant');
    if (!canGrant(ctx.actor, grant.role as Role, grant.path)) throw forbidden(`you may not revoke ${grant.role} on ${grant.name}`);
    if (grant.account_id === ctx.actor.accountId && grant.role === 'admin') throw forbidden('you cannot revoke your own admin role');
    await store.deleteGrant(trx, grantId);
    await audit(trx, ctx, {
      entity: 'role_grant',
      entityId: grantId,
      action: 'revoke',
      before: { accountId, role: grant.role, nodeId: grant.node_id },
    });
    return { ok: true as const };
  });
}

function toMember(r: store.MemberView): Member {
  return {
    id: r.id,
    bodyId: r.body_id,
    bodyName: r.body_name,
    name: r.name,
    gender: r.gender as Member['gender'],
    birthYear: r.birth_year,
    sectorId: r.sector_id,
    sectorName: r.sector_name,
    townId: r.town_id,
    townName: r.town_name,
    standing: r.standing === 1,
    expertise: r.expertise,
    accountId: r.account_id,
  };
}

/** A page of members. */
export async function listMembers(ctx: AuthedContext, q: z.output<typeof memberListQuery>) {
  const { rows, total } = await store.listMembers(
    ctx.db,
    { bodyId: q.bodyId, sectorId: q.sectorId, q: q.q || undefined },
    decodeCursor(q.cursor),
    q.limit,
  );
  const p = pageOf(rows, q.limit, (r) => [r.name, r.id]);
  return { items: p.items.map(toMember), nextCursor: p.nextCursor, total };
}

/** The member record linked to the logged-in account. */
export async function myMember(ctx: AuthedContext) {
  const row = await ctx.db.selectFrom('member').select('id').where('account_id', '=', ctx.actor.accountId).executeTakeFirst();
  if (!row) throw notFound('member record');
  return getMember(ctx, row.id);
}

/** One member. */
export async function getMember(ctx: AuthedContext, id: string) {
  const m = await store.findMember(ctx.db, id);
  if (!m) throw notFound('member');
  return toMember(m);
}
