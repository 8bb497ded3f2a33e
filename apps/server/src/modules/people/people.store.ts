import type { Role } from '@shangliang/contract';
import { actorCache } from '../../platform/auth/session-cache.ts';
import { containsText, type Executor } from '../../platform/db/index.ts';
import type { AccountRow, AccountUpdate, MemberRow, NewAccount } from '../../platform/db/schema.ts';

/** An account by username or phone number (the login form takes either). */
export function findAccountByLogin(db: Executor, login: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('phone', '=', login)]))
    .executeTakeFirst();
}

/** An account by id. */
export function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts an account. */
export async function insertAccount(db: Executor, row: NewAccount): Promise<void> {
  await db.insertInto('account').values(row).execute();
}

/** Updates an account. */
export async function updateAccount(db: Executor, id: string, values: AccountUpdate): Promise<void> {
  await db.updateTable('account').set(values).where('id', '=', id).execute();
  actorCache.clear();
}

/** Inserts a role grant. */
export async function insertGrant(db: Executor, row: { id: string; account_id: string; role: Role; node_id: string; created_at: string }) {
  await db.insertInto('role_grant').values(row).execute();
  actorCache.clear();
}

/** A grant by id with its node's path. */
export function findGrant(db: Executor, id: string) {
  return db
    .selectFrom('role_grant')
    .innerJoin('org_node', 'org_node.id', 'role_grant.node_id')
    .select([
      'role_grant.id',
      'role_grant.account_id',
      'role_grant.role',
      'role_grant.node_id',
      'org_node.path',
      'org_node.name',
      'org_node.kind',
    ])
    .where('role_grant.id', '=', id)
    .executeTakeFirst();
}

/** Deletes a grant. */
export async function deleteGrant(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_grant').where('id', '=', id).execute();
  actorCache.clear();
}

/** The grants of several accounts, with node names, for list pages. */
export function grantsOf(db: Executor, accountIds: string[]) {
  if (!accountIds.length) return Promise.resolve([]);
  return db
    .selectFrom('role_grant')
    .innerJoin('org_node', 'org_node.id', 'role_grant.node_id')
    .select(['role_grant.id', 'role_grant.account_id', 'role_grant.role', 'role_grant.node_id', 'org_node.name', 'org_node.kind'])
    .where('role_grant.account_id', 'in', accountIds)
    .orderBy('org_node.depth')
    .execute();
}

export interface AccountFilter {
  q?: string;
  role?: Role;
  /** Accounts holding a grant under one of these paths. */
  underPaths: string[];
}

function accountsFiltered(db: Executor, f: AccountFilter) {
  return db
    .selectFrom('account')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grant')
          .innerJoin('org_node', 'org_node.id', 'role_grant.node_id')
          .select('role_grant.id')
          .whereRef('role_grant.account_id', '=', 'account.id')
          .where((e) => e.or(f.underPaths.map((p) => e('org_node.path', 'like', `${p}%`))))
          .$if(!!f.role, (q) => q.where('role_grant.role', '=', f.role!)),
      ),
    )
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([
          containsText(db, 'account.display_name', f.q!),
          containsText(db, 'account.username', f.q!),
          containsText(db, 'account.phone', f.q!),
        ]),
      ),
    );
}

/** A page of accounts in a scope, by creation (ids are time-ordered). */
export async function listAccounts(db: Executor, f: AccountFilter, afterId: string | null, limit: number) {
  if (!f.underPaths.length) return { rows: [] as AccountRow[], total: 0 };
  const rows = await accountsFiltered(db, f)
    .selectAll('account')
    .$if(!!afterId, (q) => q.where('account.id', '>', afterId!))
    .orderBy('account.id')
    .limit(limit + 1)
    .execute();
  const { total } = await accountsFiltered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export interface MemberFilter {
  bodyId?: string;
  sectorId?: string;
  q?: string;
}

function membersFiltered(db: Executor, f: MemberFilter) {
  return db
    .selectFrom('member')
    .innerJoin('org_node as body', 'body.id', 'member.body_id')
    .leftJoin('org_node as sector', 'sector.id', 'member.sector_id')
    .leftJoin('org_node as town', 'town.id', 'member.town_id')
    .$if(!!f.bodyId, (q) => q.where('member.body_id', '=', f.bodyId!))
    .$if(!!f.sectorId, (q) => q.where('member.sector_id', '=', f.sectorId!))
    .$if(!!f.q, (q) => q.where((eb) => eb.or([containsText(db, 'member.name', f.q!), containsText(db, 'member.expertise', f.q!)])));
}

export type MemberView = MemberRow & { body_name: string; sector_name: string | null; town_name: string | null };

/** A page of members ordered by name then id. */
export async function listMembers(db: Executor, f: MemberFilter, after: { sortKey: string; id: string } | null, limit: number) {
  const rows: MemberView[] = await membersFiltered(db, f)
    .selectAll('member')
    .select(['body.name as body_name', 'sector.name as sector_name', 'town.name as town_name'])
    .$if(!!after, (q) =>
      q.where((eb) =>
        eb.or([eb('member.name', '>', after!.sortKey), eb.and([eb('member.name', '=', after!.sortKey), eb('member.id', '>', after!.id)])]),
      ),
    )
    .orderBy('member.name')
    .orderBy('member.id')
    .limit(limit + 1)
    .execute();
  // The joins add names only (body is required, sector and town optional): count members alone.
  const { total } = await db
    .selectFrom('member')
    .$if(!!f.bodyId, (q) => q.where('member.body_id', '=', f.bodyId!))
    .$if(!!f.sectorId, (q) => q.where('member.sector_id', '=', f.sectorId!))
    .$if(!!f.q, (q) => q.where((eb) => eb.or([containsText(db, 'member.name', f.q!), containsText(db, 'member.expertise', f.q!)])))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** One member with body, sector and town names. */
export function findMember(db: Executor, id: string): Promise<MemberView | undefined> {
  return membersFiltered(db, {})
    .selectAll('member')
    .select(['body.name as body_name', 'sector.name as sector_name', 'town.name as town_name'])
    .where('member.id', '=', id)
    .executeTakeFirst();
}

/** Paths of org nodes by id (for scope checks on lists). */
export function nodePaths(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as { id: string; path: string }[]);
  return db
    .selectFrom('org_node')
    .select(['id', 'path'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
