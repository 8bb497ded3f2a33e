import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/index.ts';
import { createTestApp, createTestDatabase, snapshotTables, type TestApp } from '../../test/harness.ts';
import { backup, restore } from './backup.ts';

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-backup-'));
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores into an empty database with every table equal', async () => {
    const staff = await t.login('staff');
    await staff.patch(`/api/v1/org/nodes/${(await staff.get('/api/v1/org/nodes?kind=town&limit=1')).json().items[0].id}`, {
      description: '备份前的修改',
    });
    const file = path.join(dir, 'one.bak');
    await backup(t.url, file);
    const target = await createTestDatabase();
    try {
      await restore(target.url, file);
      const restored = openDb(target.url);
      try {
        const a = await snapshotTables(t.db);
        const b = await snapshotTables(restored);
        expect(JSON.parse(b).org_node.length).toBeGreaterThan(100);
        expect(b).toBe(a);
        // The restored database keeps the audit log append-only.
        await expect(restored.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      } finally {
        await restored.close();
      }
      await expect(restore(target.url, file)).rejects.toThrow(/not empty/);
    } finally {
      await target.drop();
    }
  });
});
