import type { FileInfo, FileLimits, uploadQuery } from '@shangliang/contract';
import type { MultipartFile } from '@fastify/multipart';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import type { FileRow } from '../../platform/db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import {
  blobStoreFor,
  checkFile,
  cleanFileName,
  contentDisposition,
  fileLimitsFor,
  fileRefused,
  readFileData,
  saveFile,
  tooLarge,
} from '../../platform/files/index.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { findNode } from '../org/index.ts';
import { canRead, canUpload } from './files.policy.ts';
import * as store from './files.store.ts';

/** A stored file as the API shows it. */
export function toFileInfo(r: FileRow): FileInfo {
  return {
    id: r.id,
    name: r.name,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    scopeNodeId: r.scope_node_id,
    createdAt: r.created_at,
    url: `/api/v1/files/${r.id}`,
  };
}

/**
 * Turns what goes wrong while reading the multipart body into refusals naming `file`: over the
 * size limit (413), or anything else the parser reports (too many parts, a body cut short,
 * a malformed boundary), which is the client's doing since nothing else happens while reading.
 */
function multipartRefusal(err: unknown, limits: FileLimits): never {
  if (err instanceof AppError) throw err;
  const e = err as { code?: string; message?: string };
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limits);
  throw fileRefused(400, `上传的内容无法读取（${String(e?.message ?? 'malformed multipart body').slice(0, 200)}）`);
}

/**
 * Uploads one file sent as multipart/form-data in the field `file`: checked against the limits
 * of the body that the node (or, without one, the root) belongs to, stored, and audited.
 */
export async function upload(ctx: AuthedContext, query: z.output<typeof uploadQuery>): Promise<FileInfo> {
  if (!canUpload(ctx.actor)) throw forbidden();
  const scopeNodeId = query.nodeId ?? null;
  if (scopeNodeId && !(await findNode(ctx.db, scopeNodeId))) throw invalid('query.nodeId', 'no such node');
  const limits = await fileLimitsFor(ctx.db, scopeNodeId ?? (await store.findRootId(ctx.db)));
  const request = ctx.request;
  if (!request.isMultipart()) throw fileRefused(400, '请用 multipart/form-data 上传，文件放在 file 字段');

  let part: MultipartFile | undefined;
  let data: Buffer;
  try {
    // One byte over the limit is enough to know; the plugin stops reading there.
    part = await request.file({ limits: { fileSize: limits.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
    if (!part) throw fileRefused(400, '请选择要上传的文件（file 字段）');
    if (part.fieldname !== 'file') throw fileRefused(400, `文件应放在 file 字段，而不是 ${part.fieldname.slice(0, 40)}`);
    data = await part.toBuffer();
    // The plugin only throws when a chunk arrives after the cut; when the cut falls on the last
    // chunk it returns the first maxBytes bytes as if whole. The stream's own flag is final.
    if (part.file.truncated) throw tooLarge(limits);
  } catch (err) {
    multipartRefusal(err, limits);
  }
  const name = cleanFileName(part.filename);
  if (!name) throw fileRefused(400, '文件没有名字');
  const { mime } = checkFile(name, data, limits);

  const blobs = blobStoreFor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await saveFile(trx, blobs, { name, mime, data, uploadedBy: ctx.actor.accountId, scopeNodeId });
    const info = toFileInfo(row);
    await audit(trx, ctx, { entity: 'file', entityId: row.id, action: 'upload', after: info });
    return info;
  });
}

/** Sends a file's bytes with its name, its content type and headers that keep browsers from sniffing it. */
export async function download(ctx: AuthedContext, id: string): Promise<void> {
  const file = await store.findFile(ctx.db, id);
  if (!file || !canRead(ctx.actor, file)) throw notFound('file');
  const data = await readFileData(ctx.db, blobStoreFor(ctx), file);
  if (!data) {
    ctx.request.log.error({ fileId: id, sha256: file.sha256 }, 'file content missing from the blob store');
    throw notFound('file content');
  }
  ctx.reply
    .code(200)
    .header('content-type', file.mime)
    .header('content-length', String(data.length))
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    // Opened directly, a file can run nothing and load nothing (an SVG or HTML that slipped in).
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=3600')
    .header('etag', `"${file.sha256}"`);
  await ctx.reply.send(data);
}
