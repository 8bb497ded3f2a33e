import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClock, now, resetClock } from '../../platform/clock.ts';
import { deliverPendingEmails } from '../../platform/notify/index.ts';
import { startTestSmtp, type TestSmtp } from '../../platform/notify/smtp-test-server.ts';
import { createTestApp, nodeId, type TestApp } from '../../test/harness.ts';
import { sendDeadlineReminders } from './reminders.ts';

let t: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url, SESSION_TTL_HOURS: '2000' });
});
afterAll(async () => {
  resetClock();
  await t?.close();
  await smtp?.close();
});

const DAY = 86_400_000;

describe('deadline reminders', () => {
  it('emails the department three days before the deadline and once it has passed, each once', async () => {
    const housing = await nodeId(t.db, '南通市住房和城乡建设局');
    const room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
    // The department's liaison has an email address.
    await t.db.db.updateTable('account').set({ email: 'liaison@zjj.nantong.example' }).where('username', '=', 'department').execute();
    const staff = await t.login('staff');
    const convener = await t.login('convener');
    const resident = await t.login('resident');
    await staff.patch(`/api/v1/bodies/${await nodeId(t.db, '崇川区政协')}/deliberation-settings`, {
      topicApprovalRequired: false,
      researchReportRequired: false,
      minParticipants: 2,
      minPublicSharePct: 0,
    });
    const topic = (
      await resident.post('/api/v1/topics', {
        roomId: room,
        title: '路灯维修协商',
        description: '小区路灯长期不亮，夜间出行不安全。',
        category: 'publicAffairs',
      })
    ).json();
    await convener.post(`/api/v1/topics/${topic.id}/actions/accept`, {});
    await convener.post(`/api/v1/topics/${topic.id}/actions/select`, {});
    const d = (await convener.post('/api/v1/deliberations', { topicId: topic.id })).json();
    await convener.post(`/api/v1/deliberations/${d.id}/actions/prepare`, {});
    const dep = (
      await convener.post(`/api/v1/deliberations/${d.id}/participants`, { category: 'department', name: '住建局', departmentId: housing })
    ).json();
    const residentId = (await resident.get('/api/v1/auth/me')).json().account.id;
    await convener.post(`/api/v1/deliberations/${d.id}/participants`, { category: 'resident', name: '居民甲', accountId: residentId });
    const meetingAt = new Date(now().getTime() + 8 * DAY);
    meetingAt.setUTCHours(1, 30, 0, 0); // 09:30 in Nantong
    const patched = await convener.patch(`/api/v1/deliberations/${d.id}`, {
      meetingAt: meetingAt.toISOString(),
      place: '议事室',
      agendaItems: [
        { title: '签到', minutes: 10 },
        { title: '情况通报', minutes: 15 },
        { title: '协商互动', minutes: 60 },
      ],
    });
    expect(patched.json().agendaItems).toHaveLength(3);
    expect((await convener.post(`/api/v1/deliberations/${d.id}/actions/schedule`, {})).statusCode).toBe(200);
    // The notice reaches the participants with the timed agenda.
    const residentInbox = (await resident.get('/api/v1/notifications?limit=50')).json().items as { kind: string; body: string }[];
    const notice = residentInbox.find((n) => n.kind === 'deliberation.scheduled');
    expect(notice?.body ?? '').toContain('09:30 签到（10 分钟）；09:40 情况通报（15 分钟）；09:55 协商互动（60 分钟）');
    moveClock(8 * DAY);
    await convener.post(`/api/v1/deliberations/${d.id}/actions/open`, {});
    await convener.post(`/api/v1/deliberations/${d.id}/speeches`, {
      participantId: dep.id,
      summary: '住建局：一周内维修。',
      interaction: true,
    });
    await convener.patch(`/api/v1/deliberations/${d.id}`, { minutes: '纪要' });
    await convener.post(`/api/v1/deliberations/${d.id}/actions/closeMeeting`, {});
    const rec = (await convener.post(`/api/v1/deliberations/${d.id}/recommendations`, { text: '一周内修复小区路灯' })).json();
    const deadline = new Date(now().getTime() + 10 * DAY + 8 * 3600_000).toISOString().slice(0, 10);
    await convener.post(`/api/v1/deliberations/${d.id}/recommendations/${rec.id}/responsibilities`, {
      departmentId: housing,
      personInCharge: '物业科',
      action: '修复小区路灯',
      deadline,
    });
    await deliverPendingEmails(t.app.deps);
    const assigned = smtp.received.length;
    expect(smtp.received.at(-1)?.subject).toContain('新的责任事项');

    // Today: nothing due yet.
    expect(await sendDeadlineReminders(t.app.deps)).toEqual({ before: 0, overdue: 0 });
    // Three days before: one reminder, and only one however often the job runs.
    moveClock(7 * DAY);
    expect(await sendDeadlineReminders(t.app.deps)).toEqual({ before: 1, overdue: 0 });
    expect(await sendDeadlineReminders(t.app.deps)).toEqual({ before: 0, overdue: 0 });
    await deliverPendingEmails(t.app.deps);
    expect(smtp.received.length).toBe(assigned + 1);
    const soon = smtp.received.at(-1)!;
    expect(soon.to).toEqual(['liaison@zjj.nantong.example']);
    expect(soon.subject).toContain(`将于 ${deadline} 到期`);
    expect(soon.text).toContain('修复小区路灯');
    // The day after the deadline: the overdue reminder, once.
    moveClock(4 * DAY);
    expect(await sendDeadlineReminders(t.app.deps)).toEqual({ before: 0, overdue: 1 });
    expect(await sendDeadlineReminders(t.app.deps)).toEqual({ before: 0, overdue: 0 });
    await deliverPendingEmails(t.app.deps);
    expect(smtp.received.at(-1)!.subject).toContain('已逾期');
    // The inbox has them too.
    const department = await t.login('department');
    const inbox = (await department.get('/api/v1/notifications')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['responsibility.overdue', 'responsibility.dueSoon', 'responsibility.assigned']),
    );
  });
});
