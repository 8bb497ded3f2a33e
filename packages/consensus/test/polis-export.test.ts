import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { PolisExportError } from '../src/errors.ts';
import { parseCsv, readPolisExport } from '../src/polis-export.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, '../shared/data/polis');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const COMMENTS =
  'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,1,1,0,1,"a, b"\n2,x,1,1,1,0,1,"multi\nline"\n3,x,2,1,0,0,-1,c\n';
const PV = 'participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n0,0,0,2,1,1,1,-1,\n1,,0,1,1,0,,1,\n';
const VOTES = 'timestamp,datetime,comment-id,voter-id,vote\n10,x,0,0,1\n11,x,1,0,-1\n12,x,1,1,1\n';

function folder(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'polis-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}

function errorOf(files: Record<string, string>): PolisExportError {
  try {
    readPolisExport(folder(files));
  } catch (e) {
    if (e instanceof PolisExportError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('Pol.is export reader', () => {
  it('parses quoted fields with commas and newlines', () => {
    expect(parseCsv('a,"b,c","d\ne",""""\n1,2,3,4\n', 'x.csv')).toEqual([
      ['a', 'b,c', 'd\ne', '"'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('reads a valid folder: votes.csv wins, moderation and Pol.is groups are kept', () => {
    const ex = readPolisExport(folder({ 'comments.csv': COMMENTS, 'participants-votes.csv': PV, 'votes.csv': VOTES }));
    expect(ex.source).toBe('votes.csv');
    expect(ex.moderatedOut).toEqual(['2']);
    expect(ex.votes.vote.length).toBe(3);
    expect(ex.polisGroups.get('0')).toBe(0);
    expect(ex.polisGroups.get('1')).toBeNull();
    const pvOnly = readPolisExport(folder({ 'comments.csv': COMMENTS, 'participants-votes.csv': PV }));
    expect(pvOnly.source).toBe('participants-votes.csv');
    expect(Array.from(pvOnly.votes.vote)).toEqual([1, -1, 1]);
  });

  const cases: [string, Record<string, string>, string, number | undefined, RegExp][] = [
    [
      'a missing column',
      { 'comments.csv': COMMENTS.replace('moderated', 'modded'), 'participants-votes.csv': PV },
      'comments.csv',
      1,
      /missing column "moderated"/,
    ],
    [
      'a missing vote column',
      { 'comments.csv': COMMENTS, 'participants-votes.csv': PV, 'votes.csv': VOTES.replace(',vote\n', ',v\n') },
      'votes.csv',
      1,
      /missing column "vote"/,
    ],
    [
      'an unknown vote value in votes.csv',
      { 'comments.csv': COMMENTS, 'participants-votes.csv': PV, 'votes.csv': VOTES.replace('12,x,1,1,1', '12,x,1,1,2') },
      'votes.csv',
      4,
      /unknown vote value "2"/,
    ],
    [
      'an unknown vote value in participants-votes.csv',
      { 'comments.csv': COMMENTS, 'participants-votes.csv': PV.replace('1,,0,1,1,0,,1,', '1,,0,1,1,0,,yes,') },
      'participants-votes.csv',
      3,
      /unknown vote value "yes" in column "1"/,
    ],
    [
      'a statement that does not exist (votes.csv)',
      { 'comments.csv': COMMENTS, 'participants-votes.csv': PV, 'votes.csv': VOTES.replace('11,x,1,0,-1', '11,x,7,0,-1') },
      'votes.csv',
      3,
      /comment-id "7" does not exist/,
    ],
    [
      'a statement that does not exist (participants-votes.csv column)',
      { 'comments.csv': COMMENTS, 'participants-votes.csv': PV.replace(',0,1,2\n', ',0,1,9\n') },
      'participants-votes.csv',
      1,
      /column "9" is not a comment-id/,
    ],
    ['an empty comments.csv', { 'comments.csv': '', 'participants-votes.csv': PV }, 'comments.csv', undefined, /empty file/],
    [
      'a header-only votes.csv',
      { 'comments.csv': COMMENTS, 'participants-votes.csv': PV, 'votes.csv': 'timestamp,datetime,comment-id,voter-id,vote\n' },
      'votes.csv',
      undefined,
      /empty file/,
    ],
    [
      'a row with the wrong number of fields',
      { 'comments.csv': COMMENTS, 'participants-votes.csv': PV.replace('1,,0,1,1,0,,1,', '1,,0,1,1,0,,1') },
      'participants-votes.csv',
      3,
      /has 8 fields, the header has 9/,
    ],
    [
      'a bad moderated value',
      { 'comments.csv': COMMENTS.replace('3,x,2,1,0,0,-1,c', '3,x,2,1,0,0,2,c'), 'participants-votes.csv': PV },
      'comments.csv',
      4,
      /unknown moderated value "2"/,
    ],
    ['a missing file', { 'comments.csv': COMMENTS }, 'participants-votes.csv', undefined, /file not found/],
  ];
  for (const [name, files, file, row, msg] of cases) {
    it(`stops on ${name}, naming file and row`, () => {
      const e = errorOf(files);
      expect(e.file).toBe(file);
      expect(e.row).toBe(row);
      expect(e.message).toMatch(msg);
      expect(e.message.startsWith(row === undefined ? `${file}:` : `${file}, row ${row}:`)).toBe(true);
    });
  }

  it('reads every shared conversation consistently with its participants-votes.csv', () => {
    const ex = readPolisExport(path.join(dataDir, 'brexit-consensus'));
    expect(ex.source).toBe('votes.csv');
    expect(ex.polisGroups.size).toBe(204);
    expect(ex.votes.participantIds.length).toBe(204);
  });
});

describe('command', () => {
  const capture = () => {
    let text = '';
    return {
      write: (s: string) => ((text += s), true),
      get text() {
        return text;
      },
    };
  };

  it('prints groups, consensus and repness as JSON', () => {
    const out = capture();
    const err = capture();
    const code = main([path.join(dataDir, 'london.youth.policing'), '--json'], out as never, err as never);
    expect(code).toBe(0);
    const json = JSON.parse(out.text);
    expect(Object.keys(json).slice(0, 5)).toEqual(['folder', 'source', 'groups', 'consensus', 'repness']);
    expect(Object.keys(json.groups).length).toBe(24);
    expect(Array.isArray(json.consensus)).toBe(true);
    expect(json.state).toBeUndefined();
  });

  it('exits 2 with the file and row on malformed input', () => {
    const d = folder({ 'comments.csv': COMMENTS, 'participants-votes.csv': PV, 'votes.csv': VOTES.replace('12,x,1,1,1', '12,x,1,1,2') });
    const out = capture();
    const err = capture();
    expect(main([d], out as never, err as never)).toBe(2);
    expect(err.text).toMatch(/^consensus: votes.csv, row 4: unknown vote value/);
    expect(out.text).toBe('');
  });
});
