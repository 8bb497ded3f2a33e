import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { nowIso } from '../clock.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';

/**
 * Where file bytes live (DESIGN.md: the `BlobStore` port). Content-addressed by SHA-256: the same
 * bytes uploaded twice are stored once, and a blob never changes once written.
 * `db` is the caller's transaction where the store is the database, so bytes and metadata commit
 * together; the folder store ignores it.
 */
export interface BlobStore {
  readonly kind: 'folder' | 'postgres';
  put(db: Executor, sha256: string, data: Buffer): Promise<void>;
  get(db: Executor, sha256: string): Promise<Buffer | null>;
}

/** The SHA-256 of some bytes, as lowercase hex. */
export const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const isSha256 = (s: string) => /^[0-9a-f]{64}$/.test(s);

/**
 * A local folder (SQLite, one machine): `<dir>/ab/cd/<sha256>`. Writes go to a temporary file in
 * the same folder tree, are flushed to disk, then renamed: a reader never sees half a file and a
 * crash leaves at most a stray temporary file. A blob written for an upload whose transaction
 * then fails stays behind unreferenced, which is harmless (the next upload of the same bytes uses it).
 */
export class FolderBlobStore implements BlobStore {
  readonly kind = 'folder';
  constructor(private readonly dir: string) {}

  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a sha256');
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(_db: Executor, sha256: string, data: Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    if (await exists(target)) return;
    const tmpDir = path.join(this.dir, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
    const fh = await fs.open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
  }

  async get(_db: Executor, sha256: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** A PostgreSQL table (bytea): every instance of the app sees the same files, and backups hold them. */
export class PostgresBlobStore implements BlobStore {
  readonly kind = 'postgres';

  async put(db: Executor, sha256: string, data: Buffer): Promise<void> {
    await db
      .insertInto('file_blob')
      .values({ sha256, data, size: data.length, created_at: nowIso() })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  async get(db: Executor, sha256: string): Promise<Buffer | null> {
    const r = await db.selectFrom('file_blob').select('data').where('sha256', '=', sha256).executeTakeFirst();
    return r ? Buffer.from(r.data) : null;
  }
}

/** The blob store that goes with the database: a folder (FILES_DIR) for SQLite, the database itself for PostgreSQL. */
export function blobStoreFor(deps: Pick<Deps, 'config' | 'dbHandle'>): BlobStore {
  return deps.dbHandle.dialect === 'postgres' ? new PostgresBlobStore() : new FolderBlobStore(path.resolve(deps.config.FILES_DIR));
}
