import ExcelJS from 'exceljs';
import { audit } from '../../platform/audit/audit.ts';
import { holdsOver } from '../../platform/auth/actor.ts';
import { chinaTime, now } from '../../platform/clock.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import * as dstore from './deliberations.store.ts';
import * as store from './outcome.store.ts';
import { overdueDays } from './outcome.service.ts';

const STATE_ZH: Record<string, string> = {
  assigned: '已交办',
  accepted: '已接收',
  inProgress: '办理中',
  done: '已办结',
  declined: '退回',
  cannotDo: '无法办理',
};

const cst = (): string => chinaTime();

type Row = store.ResponsibilityView;

async function listsOf(ctx: AuthedContext, id: string) {
  const d = await dstore.findDeliberation(ctx.db, id);
  if (!d) throw notFound('deliberation');
  if (!holdsOver(ctx.actor, ['convener', 'staff', 'leader', 'admin'], d.room_path))
    throw forbidden('only the convener, staff and leaders export the lists');
  const [recs, resps] = await Promise.all([store.listRecommendations(ctx.db, id), store.responsibilitiesOf(ctx.db, id)]);
  return { d, recs, resps };
}

function styleHeader(ws: ExcelJS.Worksheet) {
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC8161D' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function responsibilitySheet(wb: ExcelJS.Workbook, name: string, rows: Row[], seqOf: (r: Row) => number | string) {
  const ws = wb.addWorksheet(name);
  ws.columns = [
    { header: '建议序号', key: 'seq', width: 10 },
    { header: '协商活动', key: 'deliberation', width: 30 },
    { header: '责任单位', key: 'department', width: 26 },
    { header: '责任人', key: 'person', width: 14 },
    { header: '落实措施', key: 'action', width: 48 },
    { header: '完成期限', key: 'deadline', width: 12 },
    { header: '办理状态', key: 'state', width: 10 },
    { header: '逾期天数', key: 'overdue', width: 10 },
    { header: '退回或无法办理原因', key: 'reason', width: 30 },
  ];
  for (const r of rows) {
    ws.addRow({
      seq: seqOf(r),
      deliberation: r.deliberation_title,
      department: r.department_name,
      person: r.person_in_charge,
      action: r.action,
      deadline: r.deadline,
      state: STATE_ZH[r.state] ?? r.state,
      overdue: overdueDays(r.deadline, r.state) || '',
      reason: r.reason ?? '',
    });
  }
  styleHeader(ws);
  return ws;
}

/** The three lists of a deliberation as an Excel workbook: one sheet per list, Chinese headers. */
export async function exportLists(ctx: AuthedContext, id: string) {
  const { d, recs, resps } = await listsOf(ctx, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = ctx.actor.displayName;
  wb.created = now();
  const seq = new Map(recs.map((r) => [r.id, r.seq]));

  const ws1 = wb.addWorksheet('协商建议清单');
  ws1.columns = [
    { header: '序号', key: 'seq', width: 8 },
    { header: '协商建议', key: 'text', width: 60 },
    { header: '理由', key: 'rationale', width: 40 },
    { header: '赞成', key: 'agree', width: 8 },
    { header: '反对', key: 'disagree', width: 8 },
    { header: '弃权', key: 'abstain', width: 8 },
  ];
  for (const r of recs)
    ws1.addRow({ seq: r.seq, text: r.text, rationale: r.rationale ?? '', agree: r.agree, disagree: r.disagree, abstain: r.abstain });
  styleHeader(ws1);

  responsibilitySheet(wb, '责任落实清单', resps, (r) => seq.get(r.recommendation_id) ?? '');

  const ws3 = wb.addWorksheet('结果反馈清单');
  ws3.columns = [
    { header: '建议序号', key: 'seq', width: 10 },
    { header: '责任单位', key: 'department', width: 26 },
    { header: '落实措施', key: 'action', width: 40 },
    { header: '落实结果', key: 'feedback', width: 48 },
    { header: '佐证材料', key: 'evidence', width: 30 },
    { header: '反馈日期', key: 'date', width: 12 },
  ];
  for (const r of resps) {
    ws3.addRow({
      seq: seq.get(r.recommendation_id) ?? '',
      department: r.department_name,
      action: r.action,
      feedback: r.feedback ?? '',
      evidence: r.feedback_evidence ?? '',
      date: r.feedback_date ?? '',
    });
  }
  styleHeader(ws3);
  for (const ws of [ws1, wb.getWorksheet('责任落实清单')!, ws3]) {
    ws.addRow([]);
    ws.addRow([`${d.title} · 导出人：${ctx.actor.displayName} · 导出时间：${cst()}`]);
  }
  await audit(ctx.db, ctx, { entity: 'deliberation', entityId: id, action: 'export', after: { format: 'xlsx', sheets: 3 } });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const filename = `${d.title}-三张清单.xlsx`;
  return ctx.reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="lists.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buf);
}

/** Every responsibility in the actor's scope (with the list's filters) as one Excel sheet. */
export async function exportResponsibilities(ctx: AuthedContext, rows: Row[]) {
  const wb = new ExcelJS.Workbook();
  const ws = responsibilitySheet(wb, '责任落实清单', rows, () => '');
  ws.spliceColumns(1, 1);
  ws.addRow([]);
  ws.addRow([`导出人：${ctx.actor.displayName} · 导出时间：${cst()} · 共 ${rows.length} 项`]);
  await audit(ctx.db, ctx, { entity: 'responsibility', entityId: 'scope', action: 'export', after: { format: 'xlsx', rows: rows.length } });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return ctx.reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="responsibilities.xlsx"; filename*=UTF-8''${encodeURIComponent('责任落实清单.xlsx')}`,
    )
    .send(buf);
}

const esc = (s: string | null | undefined) => (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A printable page of the three lists (A4, the browser's print dialog makes the PDF). */
export async function printLists(ctx: AuthedContext, id: string) {
  const { d, recs, resps } = await listsOf(ctx, id);
  const seq = new Map(recs.map((r) => [r.id, r.seq]));
  const table = (head: string[], rows: (string | number)[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${
      rows.length
        ? rows.map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`).join('')
        : `<tr><td colspan="${head.length}">暂无</td></tr>`
    }</tbody></table>`;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(d.title)} · 三张清单</title>
<style>@page{size:A4;margin:18mm}body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;color:#111;font-size:12pt}
h1{font-size:18pt;text-align:center;color:#C8161D}h2{font-size:14pt;border-left:4px solid #C8161D;padding-left:6px;margin-top:18pt}
table{width:100%;border-collapse:collapse;margin-top:6pt}th,td{border:1px solid #555;padding:4pt;vertical-align:top;text-align:left}
th{background:#f3f3f3}footer{margin-top:18pt;font-size:9pt;color:#444}@media screen{body{max-width:60rem;margin:1rem auto}}</style></head>
<body><h1>${esc(d.title)}</h1><p>${esc(d.room_name)}</p>
<h2>一、协商建议清单</h2>${table(
    ['序号', '协商建议', '理由', '赞成/反对/弃权'],
    recs.map((r) => [r.seq, r.text, r.rationale ?? '', `${r.agree}/${r.disagree}/${r.abstain}`]),
  )}
<h2>二、责任落实清单</h2>${table(
    ['建议序号', '责任单位', '责任人', '落实措施', '完成期限', '办理状态'],
    resps.map((r) => [
      seq.get(r.recommendation_id) ?? '',
      r.department_name,
      r.person_in_charge,
      r.action,
      r.deadline,
      STATE_ZH[r.state] ?? r.state,
    ]),
  )}
<h2>三、结果反馈清单</h2>${table(
    ['建议序号', '责任单位', '落实结果', '佐证材料', '反馈日期'],
    resps.map((r) => [
      seq.get(r.recommendation_id) ?? '',
      r.department_name,
      r.feedback ?? '',
      r.feedback_evidence ?? '',
      r.feedback_date ?? '',
    ]),
  )}
<footer>导出人：${esc(ctx.actor.displayName)} · 导出时间：${cst()}</footer></body></html>`;
  await audit(ctx.db, ctx, { entity: 'deliberation', entityId: id, action: 'export', after: { format: 'print' } });
  return ctx.reply.type('text/html; charset=utf-8').send(html);
}
