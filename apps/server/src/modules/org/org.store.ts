import type { Executor } from '../../platform/db/index.ts';
import { containsText } from '../../platform/db/index.ts';
import type { OrgNodeRow } from '../../platform/db/schema.ts';

/** One node by id, or undefined. */
export function findNode(db: Executor, id: string): Promise<OrgNodeRow | undefined> {
  return db.selectFrom('org_node').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ancestors of a node, root first, from its materialised path. */
export async function findAncestors(db: Executor, node: OrgNodeRow): Promise<OrgNodeRow[]> {
  const ids = node.path.split('/').filter(Boolean).slice(0, -1);
  if (!ids.length) return [];
  const rows = await db.selectFrom('org_node').selectAll().where('id', 'in', ids).execute();
  return rows.sort((a, b) => a.depth - b.depth);
}

/** The direct children of a node, by kind then name. */
export function findChildren(db: Executor, id: string, includeArchived = false): Promise<OrgNodeRow[]> {
  let q = db.selectFrom('org_node').selectAll().where('parent_id', '=', id);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('kind').orderBy('name').orderBy('id').execute();
}

export interface NodeFilter {
  parentId?: string;
  kind?: string;
  q?: string;
  includeArchived: boolean;
  /** Only nodes under one of these paths (the actor's scope); undefined means everywhere. */
  underPaths?: string[];
}

function filtered(db: Executor, f: NodeFilter) {
  let q = db.selectFrom('org_node');
  if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) q = q.where(containsText(db, 'name', f.q));
  if (!f.includeArchived) q = q.where('archived_at', 'is', null);
  if (f.underPaths) {
    const paths = f.underPaths;
    q = q.where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))));
  }
  return q;
}

/** A page of nodes ordered by name then id, after the keyset cursor. */
export async function listNodes(
  db: Executor,
  f: NodeFilter,
  after: { sortKey: string; id: string } | null,
  limit: number,
): Promise<{ rows: OrgNodeRow[]; total: number }> {
  let q = filtered(db, f).selectAll();
  if (after) {
    q = q.where((eb) => eb.or([eb('name', '>', after.sortKey), eb.and([eb('name', '=', after.sortKey), eb('id', '>', after.id)])]));
  }
  const rows = await q
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const { total } = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** Inserts a node. */
export async function insertNode(db: Executor, row: OrgNodeRow): Promise<void> {
  await db.insertInto('org_node').values(row).execute();
}

/** Updates a node's editable fields. */
export async function updateNode(db: Executor, id: string, values: Partial<OrgNodeRow>): Promise<void> {
  await db.updateTable('org_node').set(values).where('id', '=', id).execute();
}

/** Counts the live descendants of a node by kind. */
export async function countDescendantsByKind(db: Executor, path: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('org_node')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('path', 'like', `${path}%`)
    .where('path', '!=', path)
    .where('archived_at', 'is', null)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Counts the members of the bodies under a path. */
export async function countMembersUnder(db: Executor, path: string): Promise<number> {
  const r = await db
    .selectFrom('member')
    .innerJoin('org_node', 'org_node.id', 'member.body_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_node.path', 'like', `${path}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
