/**
 * Reads a Pol.is export folder (comments.csv, participants-votes.csv, votes.csv when present) into
 * engine input. Strict: a missing column, an unknown vote value, a vote on a statement that does not
 * exist or an empty file stops with a {@link PolisExportError} naming the file and the row (1-based,
 * the header being row 1). Uses node:fs, so it lives apart from the pure core.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PolisExportError } from './errors.ts';
import type { VoteColumns } from './votes.ts';

/** A parsed Pol.is export. */
export interface PolisExport {
  folder: string;
  /** Statement ids in comments.csv order, with their moderation flag (1 in, -1 out, 0 unmoderated). */
  statements: { id: string; moderated: -1 | 0 | 1 }[];
  moderatedOut: string[];
  votes: VoteColumns;
  /** Which file the votes came from. */
  source: 'votes.csv' | 'participants-votes.csv';
  /** Pol.is's group per participant (from participants-votes.csv `group-id`), null when not clustered. */
  polisGroups: Map<string, number | null>;
}

/** Parses CSV text (RFC 4180: quoted fields may hold commas, quotes and newlines) into records. */
export function parseCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new PolisExportError(file, rows.length + 1, 'unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface Table {
  file: string;
  header: string[];
  rows: string[][];
  col(name: string): number;
}

function readTable(folder: string, name: string, required: readonly string[]): Table {
  const file = path.join(folder, name);
  if (!existsSync(file)) throw new PolisExportError(name, undefined, 'file not found');
  const text = readFileSync(file, 'utf8');
  const all = parseCsv(text, name).filter((r) => !(r.length === 1 && r[0] === ''));
  if (all.length === 0) throw new PolisExportError(name, undefined, 'empty file');
  const header = all[0]!.map((h) => h.trim());
  for (const req of required) {
    if (!header.includes(req)) throw new PolisExportError(name, 1, `missing column "${req}"`);
  }
  const rows = all.slice(1);
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new PolisExportError(name, i + 2, `has ${r.length} fields, the header has ${header.length}`);
    }
  });
  return { file: name, header, rows, col: (c) => header.indexOf(c) };
}

function parseVote(raw: string, file: string, row: number, column: string): -1 | 0 | 1 {
  const v = raw.trim();
  if (v === '1' || v === '1.0') return 1;
  if (v === '-1' || v === '-1.0') return -1;
  if (v === '0' || v === '0.0' || v === '-0') return 0;
  throw new PolisExportError(file, row, `unknown vote value ${JSON.stringify(raw)} in column "${column}" (expected 1, -1 or 0)`);
}

const META = new Set(['participant', 'xid', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree']);

/** Reads and validates a Pol.is export folder. */
export function readPolisExport(folder: string): PolisExport {
  const comments = readTable(folder, 'comments.csv', ['comment-id', 'moderated']);
  if (comments.rows.length === 0) throw new PolisExportError('comments.csv', undefined, 'empty file (no comments)');
  const cId = comments.col('comment-id');
  const cMod = comments.col('moderated');
  const statements: PolisExport['statements'] = [];
  const known = new Set<string>();
  comments.rows.forEach((r, i) => {
    const row = i + 2;
    const id = r[cId]!.trim();
    if (id === '') throw new PolisExportError('comments.csv', row, 'empty comment-id');
    if (known.has(id)) throw new PolisExportError('comments.csv', row, `duplicate comment-id ${id}`);
    const mod = r[cMod]!.trim();
    if (mod !== '1' && mod !== '-1' && mod !== '0') {
      throw new PolisExportError('comments.csv', row, `unknown moderated value ${JSON.stringify(r[cMod])} (expected 1, -1 or 0)`);
    }
    known.add(id);
    statements.push({ id, moderated: Number(mod) as -1 | 0 | 1 });
  });

  const pv = readTable(folder, 'participants-votes.csv', ['participant', 'group-id']);
  if (pv.rows.length === 0) throw new PolisExportError('participants-votes.csv', undefined, 'empty file (no participants)');
  const pCol = pv.col('participant');
  const gCol = pv.col('group-id');
  const commentCols: { index: number; id: string }[] = [];
  pv.header.forEach((h, index) => {
    if (META.has(h)) return;
    if (h === '') throw new PolisExportError('participants-votes.csv', 1, `empty column name at position ${index + 1}`);
    if (!known.has(h)) throw new PolisExportError('participants-votes.csv', 1, `column "${h}" is not a comment-id of comments.csv`);
    commentCols.push({ index, id: h });
  });
  const polisGroups = new Map<string, number | null>();
  const pvVotes: { p: string; s: string; v: -1 | 0 | 1 }[] = [];
  pv.rows.forEach((r, i) => {
    const row = i + 2;
    const p = r[pCol]!.trim();
    if (p === '') throw new PolisExportError('participants-votes.csv', row, 'empty participant');
    if (polisGroups.has(p)) throw new PolisExportError('participants-votes.csv', row, `duplicate participant ${p}`);
    const g = r[gCol]!.trim();
    if (g !== '' && !/^\d+$/.test(g))
      throw new PolisExportError('participants-votes.csv', row, `group-id ${JSON.stringify(g)} is not a number`);
    polisGroups.set(p, g === '' ? null : Number(g));
    for (const { index, id } of commentCols) {
      const cell = r[index]!;
      if (cell.trim() === '') continue;
      pvVotes.push({ p, s: id, v: parseVote(cell, 'participants-votes.csv', row, id) });
    }
  });

  const moderatedOut = statements.filter((s) => s.moderated === -1).map((s) => s.id);
  const votesPath = path.join(folder, 'votes.csv');
  if (existsSync(votesPath)) {
    const vt = readTable(folder, 'votes.csv', ['timestamp', 'comment-id', 'voter-id', 'vote']);
    if (vt.rows.length === 0) throw new PolisExportError('votes.csv', undefined, 'empty file (no votes)');
    const ti = vt.col('timestamp');
    const ci = vt.col('comment-id');
    const vi = vt.col('voter-id');
    const xi = vt.col('vote');
    const recs: { t: number; p: string; s: string; v: -1 | 0 | 1; row: number }[] = [];
    vt.rows.forEach((r, i) => {
      const row = i + 2;
      const t = Number(r[ti]!.trim());
      if (r[ti]!.trim() === '' || !Number.isFinite(t))
        throw new PolisExportError('votes.csv', row, `timestamp ${JSON.stringify(r[ti])} is not a number`);
      const s = r[ci]!.trim();
      if (!known.has(s)) throw new PolisExportError('votes.csv', row, `comment-id ${JSON.stringify(s)} does not exist in comments.csv`);
      const p = r[vi]!.trim();
      if (p === '') throw new PolisExportError('votes.csv', row, 'empty voter-id');
      recs.push({ t, p, s, v: parseVote(r[xi]!, 'votes.csv', row, 'vote'), row });
    });
    // Time order, so participants and statements are indexed in order of first vote, as Pol.is
    // builds its rating matrix from the vote stream.
    recs.sort((a, b) => a.t - b.t || a.row - b.row);
    return { folder, statements, moderatedOut, votes: toColumns(recs), source: 'votes.csv', polisGroups };
  }
  return { folder, statements, moderatedOut, votes: toColumns(pvVotes), source: 'participants-votes.csv', polisGroups };
}

function toColumns(recs: readonly { p: string; s: string; v: -1 | 0 | 1; t?: number }[]): VoteColumns {
  const participantIds: string[] = [];
  const statementIds: string[] = [];
  const pi = new Map<string, number>();
  const si = new Map<string, number>();
  const n = recs.length;
  const participant = new Int32Array(n);
  const statement = new Int32Array(n);
  const vote = new Int8Array(n);
  const hasTime = n > 0 && recs[0]!.t !== undefined;
  const time = hasTime ? new Float64Array(n) : undefined;
  recs.forEach((r, i) => {
    let p = pi.get(r.p);
    if (p === undefined) {
      p = participantIds.length;
      pi.set(r.p, p);
      participantIds.push(r.p);
    }
    let s = si.get(r.s);
    if (s === undefined) {
      s = statementIds.length;
      si.set(r.s, s);
      statementIds.push(r.s);
    }
    participant[i] = p;
    statement[i] = s;
    vote[i] = r.v;
    if (time) time[i] = r.t!;
  });
  return time
    ? { participantIds, statementIds, participant, statement, vote, time }
    : { participantIds, statementIds, participant, statement, vote };
}
