import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultFileLimits } from '@shangliang/contract';
import { afterAll, describe, expect, it } from 'vitest';
import type { Executor } from '../db/index.ts';
import { checkFile, cleanFileName, contentDisposition, FolderBlobStore, formatSize, kindOfName, sha256Of } from './index.ts';

/* The pure parts of the file store: kinds, names, headers, and the folder store's writes. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-blobs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const noDb = undefined as unknown as Executor;

describe('kinds and checks', () => {
  it('reads the kind from the extension, case-insensitively', () => {
    expect(kindOfName('报告.PDF')).toBe('pdf');
    expect(kindOfName('a.b.jpg')).toBe('jpeg');
    expect(kindOfName('archive.tar.gz')).toBeNull();
    expect(kindOfName('pdf')).toBeNull();
  });

  it('checks size before kind, and the signature against the extension', () => {
    const limits = { ...defaultFileLimits, maxBytes: 10 };
    expect(() => checkFile('a.pdf', Buffer.from('%PDF-1.7 and more bytes'), limits)).toThrow(/文件不能超过 10 B/);
    expect(checkFile('a.pdf', Buffer.from('%PDF-1.7'), limits)).toEqual({ kind: 'pdf', mime: 'application/pdf' });
    expect(() => checkFile('a.gif', Buffer.from('%PDF-1.7'), limits)).toThrow(/不是一个 GIF 文件/);
  });

  it('formats limits as people read them', () => {
    expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatSize(500 * 1024)).toBe('500 KB');
  });
});

describe('names and headers', () => {
  it('keeps the last path segment and drops control and direction characters', () => {
    expect(cleanFileName('C:\\fakepath\\纪要.pdf')).toBe('纪要.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(cleanFileName('会议 %22纪要%22.pdf')).toBe('会议 "纪要".pdf');
    const long = cleanFileName(`${'长'.repeat(300)}.docx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('writes Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('协商纪要 (1).pdf')).toBe(
      `attachment; filename="____ (1).pdf"; filename*=UTF-8''%E5%8D%8F%E5%95%86%E7%BA%AA%E8%A6%81%20%281%29.pdf`,
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});

describe('FolderBlobStore', () => {
  it('writes by content address through a temporary file, once', async () => {
    const store = new FolderBlobStore(dir);
    const data = Buffer.from('协商议事 minutes');
    const sha = sha256Of(data);
    await store.put(noDb, sha, data);
    await store.put(noDb, sha, data);
    expect(fs.readFileSync(path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha)).equals(data)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
    expect((await store.get(noDb, sha))!.equals(data)).toBe(true);
    expect(await store.get(noDb, sha256Of(Buffer.from('missing')))).toBeNull();
    await expect(store.get(noDb, '../../etc/passwd')).rejects.toThrow(/not a sha256/);
  });
});
