import type { Executor } from '../../platform/db/index.ts';

/** The root of the org tree (the city body), whose settings apply to files attached to no node. */
export async function findRootId(db: Executor): Promise<string | null> {
  const r = await db.selectFrom('org_node').select('id').where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
  return r?.id ?? null;
}

export { findFile } from '../../platform/files/index.ts';
