import type { FileKind, FileLimits } from '@shangliang/contract';
import { nowIso } from '../clock.ts';
import type { Executor } from '../db/index.ts';
import type { FileRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { type BlobStore, sha256Of } from './blob-store.ts';
import { contentMatches, describeKinds, extensionsOf, kindOfName, mimeOf } from './kinds.ts';

/** "20 MB", "1.5 MB", "500 KB": a limit as people read it (1 MB = 1024 × 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}

/** A refusal of the uploaded file: a 4xx whose details name the field `file`. */
export function fileRefused(status: 400 | 413 | 415, message: string, extra: Record<string, unknown> = {}): AppError {
  const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation_failed';
  return new AppError(status, code, `file: ${message}`, [{ field: 'file', message, ...extra }]);
}

/** The refusal of a file over the limit: "文件不能超过 20 MB". */
export const tooLarge = (limits: FileLimits) =>
  fileRefused(413, `文件不能超过 ${formatSize(limits.maxBytes)}`, { limitBytes: limits.maxBytes });

/**
 * A file name as it is kept and shown: the last path segment (old browsers on Windows send
 * `C:\fakepath\…`), without control or direction-override characters, at most 200 characters.
 */
export function cleanFileName(raw: string): string {
  // Browsers escape `"`, CR and LF in a multipart file name as %22, %0D, %0A (WHATWG HTML,
  // multipart/form-data encoding); undo that so "会议 "纪要".pdf" keeps its quotes.
  const unescaped = raw.replace(/%22/g, '"').replace(/%0[AD]/gi, ' ');
  const base = unescaped.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (clean.length <= 200) return clean;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  return clean.slice(0, 200 - ext.length) + ext;
}

/**
 * Checks an upload against a body's limits: size, then the kind its extension claims, then that
 * the bytes carry that kind's signature (a renamed .exe is not a .pdf). Returns the kind and the
 * content type to store; throws a 4xx naming `file` otherwise.
 */
export function checkFile(name: string, data: Buffer, limits: FileLimits): { kind: FileKind; mime: string } {
  if (data.length > limits.maxBytes) throw tooLarge(limits);
  if (data.length === 0) throw fileRefused(400, '文件是空的');
  const allowed = `只能上传 ${describeKinds(limits.kinds)} 文件（${extensionsOf(limits.kinds).join(' ')}）`;
  const kind = kindOfName(name);
  if (!kind || !limits.kinds.includes(kind)) throw fileRefused(415, allowed, { allowed: extensionsOf(limits.kinds) });
  if (!contentMatches(kind, data)) {
    throw fileRefused(415, `文件内容与扩展名不符：这不是一个 ${describeKinds([kind])} 文件`, { allowed: extensionsOf(limits.kinds) });
  }
  return { kind, mime: mimeOf(kind) };
}

export interface NewFile {
  name: string;
  mime: string;
  data: Buffer;
  uploadedBy: string;
  scopeNodeId: string | null;
}

/**
 * Stores checked bytes and their metadata. Call inside the transaction that also writes the
 * audit entry (and whatever the file is attached to): with the PostgreSQL store the bytes commit
 * with them.
 */
export async function saveFile(trx: Executor, blobs: BlobStore, f: NewFile): Promise<FileRow> {
  const sha256 = sha256Of(f.data);
  await blobs.put(trx, sha256, f.data);
  const row: FileRow = {
    id: newId(),
    name: f.name,
    mime: f.mime,
    size: f.data.length,
    sha256,
    uploaded_by: f.uploadedBy,
    scope_node_id: f.scopeNodeId,
    created_at: nowIso(),
  };
  await trx.insertInto('file').values(row).execute();
  return row;
}

/** A file's metadata by id, or undefined. */
export function findFile(db: Executor, id: string): Promise<FileRow | undefined> {
  return db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A file's bytes, or null when the store has lost them. */
export function readFileData(db: Executor, blobs: BlobStore, file: Pick<FileRow, 'sha256'>): Promise<Buffer | null> {
  return blobs.get(db, file.sha256);
}

/**
 * `Content-Disposition` for a download (RFC 6266 with RFC 5987 `filename*`): an ASCII fallback
 * for old clients, and the UTF-8 name (中文文件名.pdf) for every current browser.
 */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
