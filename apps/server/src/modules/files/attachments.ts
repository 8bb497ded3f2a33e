import { nowIso } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';

/** An attachment as replies show it: enough to list and download it. */
export interface AttachmentInfo {
  id: string;
  name: string;
  mime: string;
  size: number;
  url: string;
}

/**
 * Attaches uploaded files to a thing (a topic, findings, evidence), in the caller's transaction.
 * Only files the actor uploaded may be attached: an id seen elsewhere cannot pull someone else's
 * file into a public page. `field` names the request field in refusals.
 */
export async function attachFiles(
  trx: Executor,
  actorId: string,
  target: { entity: string; entityId: string },
  fileIds: readonly string[],
  field: string,
): Promise<void> {
  const ids = [...new Set(fileIds)];
  if (!ids.length) return;
  const files = await trx.selectFrom('file').select(['id', 'uploaded_by']).where('id', 'in', ids).execute();
  for (const id of ids) {
    const f = files.find((x) => x.id === id);
    if (!f) throw invalid(field, `no uploaded file ${id}`);
    if (f.uploaded_by !== actorId) throw invalid(field, 'attach only files you uploaded');
  }
  const t = nowIso();
  for (const id of ids) {
    const exists = await trx
      .selectFrom('attachment')
      .select('id')
      .where('entity', '=', target.entity)
      .where('entity_id', '=', target.entityId)
      .where('file_id', '=', id)
      .executeTakeFirst();
    if (!exists) {
      await trx
        .insertInto('attachment')
        .values({ id: newId(), entity: target.entity, entity_id: target.entityId, file_id: id, created_by: actorId, created_at: t })
        .execute();
    }
  }
}

/** The attachments of several things of one kind, by thing. */
export async function attachmentsOf(db: Executor, entity: string, entityIds: readonly string[]): Promise<Map<string, AttachmentInfo[]>> {
  const out = new Map<string, AttachmentInfo[]>();
  if (!entityIds.length) return out;
  const rows = await db
    .selectFrom('attachment')
    .innerJoin('file', 'file.id', 'attachment.file_id')
    .select(['attachment.entity_id', 'file.id', 'file.name', 'file.mime', 'file.size'])
    .where('attachment.entity', '=', entity)
    .where('attachment.entity_id', 'in', [...entityIds])
    .orderBy('attachment.created_at')
    .execute();
  for (const r of rows) {
    const list = out.get(r.entity_id) ?? [];
    list.push({ id: r.id, name: r.name, mime: r.mime, size: Number(r.size), url: `/api/v1/files/${r.id}` });
    out.set(r.entity_id, list);
  }
  return out;
}
