import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@shangliang/contract';
import { now } from '../clock.ts';
import type { Executor } from '../db/index.ts';
import type { Actor } from './actor.ts';
import { actorCache } from './session-cache.ts';

export const SESSION_COOKIE = 'sl_session';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Opens a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(
  db: Executor,
  input: { accountId: string; ttlHours: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const t = now();
  const expiresAt = new Date(t.getTime() + input.ttlHours * 3600_000);
  await db
    .insertInto('session')
    .values({
      id: sha256(token),
      account_id: input.accountId,
      csrf_token: csrfToken,
      created_at: t.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: t.toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Ends a session. */
export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
  actorCache.clear();
}

/** Ends every session of an account but one (after a password change). */
export async function deleteOtherSessions(db: Executor, accountId: string, keepSessionId: string): Promise<void> {
  await db.deleteFrom('session').where('account_id', '=', accountId).where('id', '!=', keepSessionId).execute();
  actorCache.clear();
}

/** Loads the actor behind a cookie token, or null when the session is unknown or expired. */
export async function loadActor(db: Executor, token: string): Promise<Actor | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id as sessionId',
      'session.csrf_token',
      'session.expires_at',
      'account.id as accountId',
      'account.display_name',
      'account.must_change_password',
      'account.status',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row || row.status !== 'active' || row.expires_at <= now().toISOString()) return null;
  const grants = await db
    .selectFrom('role_grant')
    .innerJoin('org_node', 'org_node.id', 'role_grant.node_id')
    .select(['role_grant.id', 'role_grant.role', 'role_grant.node_id', 'org_node.name', 'org_node.kind', 'org_node.path'])
    .where('role_grant.account_id', '=', row.accountId)
    .orderBy('org_node.depth')
    .orderBy('role_grant.role')
    .execute();
  return {
    accountId: row.accountId,
    displayName: row.display_name,
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password === 1,
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role as Role,
      nodeId: g.node_id,
      nodeName: g.name,
      nodeKind: g.kind,
      nodePath: g.path,
    })),
  };
}
