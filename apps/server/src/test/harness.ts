import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { seedDemo } from '../demo/seed.ts';
import { openDb, type DbHandle } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';

/*
 * Every server test file runs against a database of its own: a fresh SQLite file by default,
 * or a fresh PostgreSQL database created next to TEST_DATABASE_URL (scripts/test-all.mjs runs
 * the whole suite both ways).
 */

export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? '';
export const dialectUnderTest = /^postgres/.test(testDatabaseUrl) ? 'postgres' : 'sqlite';

/** Creates an empty database; returns its URL and a function that removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sl_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  if (dialectUnderTest === 'postgres') {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(testDatabaseUrl);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: testDatabaseUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-test-'));
  return { url: `file:${path.join(dir, `${name}.db`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestApp {
  app: FastifyInstance;
  db: DbHandle;
  config: Config;
  url: string;
  /** Logs in and returns a client that sends the session cookie and CSRF token. */
  login(login: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
  csrfToken: string;
  cookie: string;
}

function client(app: FastifyInstance, cookie = '', csrfToken = '', ip = '127.0.0.1'): Client {
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      remoteAddress: ip,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    });
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    del: (url) => request('DELETE', url),
    csrfToken,
    cookie,
  };
}

/** Logs in through the API from a given address. */
export async function loginAs(app: FastifyInstance, login: string, password = 'Demo@2026', ip = '127.0.0.1'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'sl_session');
  return client(app, `sl_session=${setCookie!.value}`, res.json().csrfToken, ip);
}

/** A server on a fresh database with the Nantong demo data, ready for app.inject(). */
export async function createTestApp(overrides: Partial<Record<keyof Config, string>> = {}): Promise<TestApp> {
  const { url, drop } = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', WEB_DIST: 'no-web-in-server-tests', ...overrides });
  const db = openDb(url);
  await migrateToLatest(db.db);
  await seedDemo(db.db);
  const app = await buildApp({ config, db });
  await app.ready();
  return {
    app,
    db,
    config,
    url,
    login: (login, password) => loginAs(app, login, password),
    anonymous: client(app),
    close: async () => {
      await app.close();
      await db.close();
      await drop();
    },
  };
}

/** Every table's rows (all tables the migrations made), in a stable order, as one JSON string: to prove nothing changed. */
export async function snapshotTables(db: DbHandle): Promise<string> {
  const names =
    db.dialect === 'postgres'
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db.db))
          .rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.db)).rows;
  const tables = names
    .map((r) => r.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    // Ordered by every column: stable whatever the table's key.
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db.db)).rows;
    out[t] = rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v))).sort();
  }
  return JSON.stringify(out);
}

/** Finds one node id by kind and name (the demo data). */
export async function nodeId(db: DbHandle, name: string): Promise<string> {
  const r = await db.db.selectFrom('org_node').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return r.id;
}
