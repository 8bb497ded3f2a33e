import { defaultFileLimits, fileLimits, type FileLimits } from '@shangliang/contract';
import { nowIso } from '../clock.ts';
import type { Executor } from '../db/index.ts';

/*
 * Per-body settings: a body may override defaults that live in code. One row per body in
 * `body_settings`, JSON text with one key per section (`files`, later others), so that a new
 * setting needs no migration. A node's settings are its nearest body's that has the section,
 * then the next body up, then the defaults.
 */

type Sections = Record<string, unknown>;

function parseSections(json: string): Sections {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Sections) : {};
  } catch {
    return {};
  }
}

/** The bodies from a node up to the root, nearest first (the node itself if it is a body). */
async function bodiesUp(db: Executor, nodeId: string): Promise<string[]> {
  const node = await db.selectFrom('org_node').select(['path']).where('id', '=', nodeId).executeTakeFirst();
  if (!node) return [];
  const ids = node.path.split('/').filter(Boolean);
  const bodies = await db.selectFrom('org_node').select(['id', 'depth']).where('id', 'in', ids).where('kind', '=', 'body').execute();
  return bodies.sort((a, b) => b.depth - a.depth).map((b) => b.id);
}

/** A section of the settings in force at a node, and the body it comes from (null: the defaults). */
export async function bodySettingAt(db: Executor, nodeId: string, section: string): Promise<{ value: unknown; bodyId: string | null }> {
  const bodies = await bodiesUp(db, nodeId);
  if (!bodies.length) return { value: undefined, bodyId: null };
  const rows = await db.selectFrom('body_settings').selectAll().where('node_id', 'in', bodies).execute();
  for (const id of bodies) {
    const row = rows.find((r) => r.node_id === id);
    const value = row ? parseSections(row.settings_json)[section] : undefined;
    if (value !== undefined) return { value, bodyId: id };
  }
  return { value: undefined, bodyId: null };
}

/** Sets (or, with undefined, removes) one section of a body's own settings; other sections stay. */
export async function setBodySetting(db: Executor, bodyId: string, section: string, value: unknown): Promise<void> {
  const row = await db.selectFrom('body_settings').selectAll().where('node_id', '=', bodyId).executeTakeFirst();
  const sections = row ? parseSections(row.settings_json) : {};
  if (value === undefined) delete sections[section];
  else sections[section] = value;
  const settings_json = JSON.stringify(sections);
  const t = nowIso();
  await db
    .insertInto('body_settings')
    .values({ node_id: bodyId, settings_json, updated_at: t })
    .onConflict((oc) => oc.column('node_id').doUpdateSet({ settings_json, updated_at: t }))
    .execute();
}

/**
 * The upload limits at a node: its nearest body's overrides (any of maxBytes, kinds) over the
 * defaults (20 MB; PDF, Word, Excel, images). An override that no longer validates is ignored
 * rather than blocking every upload.
 */
export async function fileLimitsFor(db: Executor, nodeId: string | null): Promise<FileLimits & { bodyId: string | null }> {
  if (!nodeId) return { ...defaultFileLimits, bodyId: null };
  const { value, bodyId } = await bodySettingAt(db, nodeId, 'files');
  const parsed = fileLimits.partial().safeParse(value);
  if (value === undefined || !parsed.success) return { ...defaultFileLimits, bodyId: null };
  return { ...defaultFileLimits, ...parsed.data, bodyId };
}

/** Sets a body's own upload limits (merged over the defaults when read). */
export async function setFileLimits(db: Executor, bodyId: string, limits: Partial<FileLimits> | undefined): Promise<void> {
  await setBodySetting(db, bodyId, 'files', limits === undefined ? undefined : fileLimits.partial().parse(limits));
}
