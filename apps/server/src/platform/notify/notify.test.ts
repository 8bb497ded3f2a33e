import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { moveClock, resetClock } from '../clock.ts';
import { openDb } from '../db/index.ts';
import { runJobOnce } from '../jobs/index.ts';
import { backoffMs, deliverEmailsJob, deliverPendingEmails, MAX_ATTEMPTS, notify, smtpUrlWithDefaults } from './index.ts';
import { decodeWords, startTestSmtp, type TestSmtp } from './smtp-test-server.ts';

/*
 * notify() writes the inbox and the outbox in the caller's transaction; deliverPendingEmails()
 * sends the outbox to a real SMTP server on loopback, retries failures with backoff, marks
 * the last failure, and never sends a row twice when two senders run at once.
 */

let t: TestApp;
let smtp: TestSmtp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtp();
  for (const u of ['member', 'resident', 'staff', 'convener']) {
    ids[u] = (await t.db.db.selectFrom('account').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
  await t.db.db.updateTable('account').set({ email: 'member@example.cn' }).where('id', '=', ids.member!).execute();
  await t.db.db.updateTable('account').set({ email: 'staff@example.cn' }).where('id', '=', ids.staff!).execute();
});
afterAll(async () => {
  resetClock();
  await smtp?.close();
  await t?.close();
});

const mailDeps = (smtpUrl: string) => ({
  config: { ...t.config, SMTP_URL: smtpUrl, PUBLIC_URL: 'https://shangliang.example.cn' },
  db: t.db.db,
});
const outbox = () => t.db.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
const clearOutbox = () => t.db.db.deleteFrom('email_outbox').execute();

/** A loopback port with nothing listening: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('notify()', () => {
  it('writes one inbox row per recipient and an outbox row for each one with an address', async () => {
    await clearOutbox();
    const r = await t.db.db.transaction().execute((trx) =>
      notify(trx, {
        accountIds: [ids.member!, ids.resident!, ids.member!],
        kind: 'topic.accepted',
        title: '议题已受理',
        body: '您提出的议题已受理。',
        link: '/topics/1',
        email: true,
      }),
    );
    expect(r.notificationIds).toHaveLength(2);
    expect(r.emailsQueued).toBe(1);
    const rows = await t.db.db.selectFrom('notification').selectAll().where('id', 'in', r.notificationIds).execute();
    expect(rows.map((x) => x.account_id).sort()).toEqual([ids.member, ids.resident].sort());
    const out = await outbox();
    expect(out).toMatchObject([
      { to_address: 'member@example.cn', subject: '议题已受理', status: 'pending', attempts: 0, link: '/topics/1' },
    ]);
    expect(out[0]!.notification_id).toBe(rows.find((x) => x.account_id === ids.member)!.id);
  });

  it('writes nothing when the change it reports is rolled back', async () => {
    await clearOutbox();
    const before = await t.db.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      t.db.db.transaction().execute(async (trx) => {
        await notify(trx, { accountIds: [ids.member!, ids.staff!], kind: 'x', title: '回滚', body: '不应出现', email: true });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.db.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await outbox()).toEqual([]);
  });

  it('sends no email unless asked, and none to an account without an address', async () => {
    await clearOutbox();
    await t.db.db.transaction().execute((trx) => notify(trx, { accountIds: [ids.member!], kind: 'x', title: '仅站内', body: '站内信' }));
    await t.db.db
      .transaction()
      .execute((trx) => notify(trx, { accountIds: [ids.resident!], kind: 'x', title: '无地址', body: '无邮箱', email: true }));
    expect(await outbox()).toEqual([]);
  });

  it('handles a notice to more recipients than one statement can bind', async () => {
    await clearOutbox();
    const many = [...Array.from({ length: 1200 }, () => ids.member!), ids.staff!, ids.resident!];
    const r = await t.db.db
      .transaction()
      .execute((trx) => notify(trx, { accountIds: many, kind: 'x', title: '群发', body: '全体', email: true }));
    expect(r.notificationIds).toHaveLength(3);
    expect(r.emailsQueued).toBe(2);
  });
});

describe('deliverPendingEmails()', () => {
  it('sends to a real SMTP server: recipient, Chinese subject and body, the full link', async () => {
    await clearOutbox();
    smtp.received.length = 0;
    const body = '南通市崇川区任港街道“有事好商量”协商议事室定于 12 月 3 日下午召开协商会，议题：老旧小区加装电梯。请准时参加。';
    await t.db.db.transaction().execute((trx) =>
      notify(trx, {
        accountIds: [ids.member!, ids.staff!],
        kind: 'deliberation.notice',
        title: '协商会通知：加装电梯',
        body,
        link: '/deliberations/42',
        email: true,
      }),
    );
    const report = await deliverPendingEmails(mailDeps(smtp.url));
    expect(report).toEqual({ sent: 2, retrying: 0, failed: 0, skipped: 0 });
    expect(
      smtp.received
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual(['member@example.cn', 'staff@example.cn']);
    for (const m of smtp.received) {
      expect(m.from).toBe('noreply@localhost');
      expect(m.subject).toBe('协商会通知：加装电梯');
      expect(m.text).toBe(`${body}\n\nhttps://shangliang.example.cn/deliberations/42`);
      expect(m.raw).toMatch(/charset=utf-8/i);
      // Nothing but ASCII travels: the Chinese text is encoded, not sent as raw 8-bit.
      expect(/^[\t\r\n\x20-\x7e]*$/.test(m.raw)).toBe(true);
      expect(decodeWords(/^From: (.*)$/m.exec(m.raw)![1]!)).toContain('商量');
    }
    const rows = await outbox();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sent_at && r.last_error === null)).toBe(true);
    // Sent rows are not sent again.
    expect(await deliverPendingEmails(mailDeps(smtp.url))).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('with email off, the inbox still works and outbox rows are marked skipped', async () => {
    await clearOutbox();
    smtp.received.length = 0;
    const r = await t.db.db
      .transaction()
      .execute((trx) => notify(trx, { accountIds: [ids.member!], kind: 'x', title: '邮件关闭', body: '仍在站内', email: true }));
    expect(await deliverPendingEmails(mailDeps(''))).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 1 });
    expect((await outbox()).map((o) => o.status)).toEqual(['skipped']);
    const inbox = await t.db.db.selectFrom('notification').selectAll().where('id', '=', r.notificationIds[0]!).executeTakeFirstOrThrow();
    expect(inbox.title).toBe('邮件关闭');
    expect(smtp.received).toHaveLength(0);
  });

  it('retries a refused send after the backoff and sends it', async () => {
    await clearOutbox();
    smtp.received.length = 0;
    smtp.refuseNext(1);
    await t.db.db
      .transaction()
      .execute((trx) => notify(trx, { accountIds: [ids.member!], kind: 'x', title: '重试', body: '第二次成功', email: true }));
    expect(await deliverPendingEmails(mailDeps(smtp.url))).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/451|busy/);
    // Not due yet.
    expect(await deliverPendingEmails(mailDeps(smtp.url))).toMatchObject({ sent: 0, retrying: 0 });
    moveClock(backoffMs(1) + 1000);
    expect(await deliverPendingEmails(mailDeps(smtp.url))).toMatchObject({ sent: 1 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received.map((m) => m.text)).toEqual(['第二次成功']);
    resetClock();
  });

  it(`tries a failing send ${MAX_ATTEMPTS} times with growing waits, then marks it failed`, async () => {
    await clearOutbox();
    const dead = `smtp://127.0.0.1:${await closedPort()}`;
    await t.db.db
      .transaction()
      .execute((trx) => notify(trx, { accountIds: [ids.staff!], kind: 'x', title: '失败', body: '发不出去', email: true }));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverPendingEmails(mailDeps(dead));
      const [row] = await outbox();
      expect(row!.attempts).toBe(attempt);
      expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
      if (attempt < MAX_ATTEMPTS) {
        expect(report).toMatchObject({ retrying: 1, failed: 0 });
        expect(row!.status).toBe('pending');
        const wait = Date.parse(row!.next_attempt_at) - Date.parse(row!.updated_at);
        waits.push(wait);
        moveClock(wait + 1000);
      } else {
        expect(report).toMatchObject({ retrying: 0, failed: 1 });
        expect(row!.status).toBe('failed');
      }
    }
    expect(waits.map((w) => Math.round(w / 60_000))).toEqual([1, 2, 4, 8]);
    moveClock(3600_000);
    expect(await deliverPendingEmails(mailDeps(smtp.url))).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    resetClock();
  });

  it('two senders at once (two connections, as two processes would have) never send a row twice', async () => {
    await clearOutbox();
    smtp.received.length = 0;
    const n = 30;
    for (let i = 0; i < n; i++) {
      await t.db.db
        .transaction()
        .execute((trx) => notify(trx, { accountIds: [ids.member!], kind: 'x', title: `并发 ${i}`, body: `第 ${i} 封`, email: true }));
    }
    const a = openDb(t.url);
    const b = openDb(t.url);
    try {
      const deps = (db: typeof a.db) => ({ config: { ...t.config, SMTP_URL: smtp.url }, db });
      const [ra, rb] = await Promise.all([deliverPendingEmails(deps(a.db)), deliverPendingEmails(deps(b.db))]);
      expect(ra.sent + rb.sent).toBe(n);
    } finally {
      await a.close();
      await b.close();
    }
    const subjects = smtp.received.map((m) => m.subject).sort();
    expect(subjects).toHaveLength(n);
    expect(new Set(subjects).size).toBe(n);
    expect((await outbox()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('takes over a row whose sender died mid-send once its lease has run out', async () => {
    await clearOutbox();
    smtp.received.length = 0;
    await t.db.db
      .transaction()
      .execute((trx) => notify(trx, { accountIds: [ids.member!], kind: 'x', title: '接手', body: '进程中断', email: true }));
    const [row] = await outbox();
    // As a process killed after claiming would leave it.
    await t.db.db
      .updateTable('email_outbox')
      .set({ status: 'sending', attempts: 1, claimed_until: new Date(Date.now() + 5 * 60_000).toISOString() })
      .where('id', '=', row!.id)
      .execute();
    expect(await deliverPendingEmails(mailDeps(smtp.url))).toMatchObject({ sent: 0 });
    moveClock(5 * 60_000 + 1000);
    expect(await deliverPendingEmails(mailDeps(smtp.url))).toMatchObject({ sent: 1 });
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });
    resetClock();
  });

  it('adds pooled-connection and timeout defaults to SMTP_URL, keeping what the URL sets', () => {
    const u = new URL(smtpUrlWithDefaults('smtps://mail%40nt.gov.cn:p%3Ass@smtp.example.cn:465?socketTimeout=5000'));
    expect(u.searchParams.get('socketTimeout')).toBe('5000');
    expect(u.searchParams.get('pool')).toBe('true');
    expect(u.searchParams.get('connectionTimeout')).toBe('15000');
    expect([u.protocol, u.username, u.password, u.port]).toEqual(['smtps:', 'mail%40nt.gov.cn', 'p%3Ass', '465']);
  });

  it('runs as the registered periodic job', async () => {
    await clearOutbox();
    smtp.received.length = 0;
    await t.db.db
      .transaction()
      .execute((trx) => notify(trx, { accountIds: [ids.staff!], kind: 'x', title: '定时任务', body: '由任务发送', email: true }));
    const deps = { ...t.app.deps, config: { ...t.config, SMTP_URL: smtp.url } };
    expect(await runJobOnce(deps, deliverEmailsJob)).toBe('ran');
    expect(smtp.received.map((m) => m.subject)).toEqual(['定时任务']);
  });
});
