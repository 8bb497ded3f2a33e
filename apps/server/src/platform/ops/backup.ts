import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';

const run = promisify(execFile);

const sqlitePath = (url: string) => (url === ':memory:' ? ':memory:' : url.replace(/^file:/, ''));
const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/**
 * Backs up the database at `url` into `file`. SQLite: the online backup API, consistent while
 * the server keeps writing. PostgreSQL: pg_dump's custom format (consistent snapshot).
 */
export async function backup(url: string, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (isPostgres(url)) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, url]);
    return;
  }
  const db = new SQLite(sqlitePath(url), { readonly: true, fileMustExist: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
}

/**
 * Restores a backup into the database at `url`, which must be empty (a new database): restoring
 * over live data is refused rather than merged. Stop the server first.
 */
export async function restore(url: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no backup file at ${file}`);
  if (isPostgres(url)) {
    const { stdout } = await run('psql', ['-tAc', "select count(*) from information_schema.tables where table_schema='public'", url]);
    if (Number(stdout.trim()) > 0) throw new Error('the target PostgreSQL database is not empty; restore into a new database');
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', url, file]);
    return;
  }
  const target = sqlitePath(url);
  if (fs.existsSync(target) && fs.statSync(target).size > 0) {
    const probe = new SQLite(target, { readonly: true });
    const n = (probe.prepare("select count(*) as n from sqlite_master where type='table'").get() as { n: number }).n;
    probe.close();
    if (n > 0) throw new Error(`the target SQLite database ${target} is not empty; restore into a new file`);
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  for (const ext of ['-wal', '-shm']) fs.rmSync(target + ext, { force: true });
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
}
