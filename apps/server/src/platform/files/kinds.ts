import type { FileKind } from '@shangliang/contract';

/** For each kind: the extensions it goes by, its content type, how people call it, and its signature. */
const table: Record<FileKind, { exts: string[]; mime: string; label: string; matches: (b: Buffer) => boolean }> = {
  pdf: { exts: ['pdf'], mime: 'application/pdf', label: 'PDF', matches: (b) => startsWith(b, '%PDF-') },
  // Word 97-2003 and Excel 97-2003 are both OLE2 compound files: the signature cannot tell them
  // apart without reading the directory, so the extension decides between the two.
  doc: { exts: ['doc'], mime: 'application/msword', label: 'Word', matches: (b) => startsWithBytes(b, OLE2) },
  xls: { exts: ['xls'], mime: 'application/vnd.ms-excel', label: 'Excel', matches: (b) => startsWithBytes(b, OLE2) },
  // Office Open XML files are ZIP archives; the part names say which application wrote them
  // (ECMA-376 part 2: word/document.xml, xl/workbook.xml), and ZIP stores names uncompressed.
  docx: {
    exts: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
    matches: (b) => startsWithBytes(b, ZIP) && b.includes('word/'),
  },
  xlsx: {
    exts: ['xlsx'],
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel',
    matches: (b) => startsWithBytes(b, ZIP) && b.includes('xl/'),
  },
  jpeg: { exts: ['jpg', 'jpeg'], mime: 'image/jpeg', label: 'JPEG', matches: (b) => startsWithBytes(b, [0xff, 0xd8, 0xff]) },
  png: {
    exts: ['png'],
    mime: 'image/png',
    label: 'PNG',
    matches: (b) => startsWithBytes(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  gif: { exts: ['gif'], mime: 'image/gif', label: 'GIF', matches: (b) => startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a') },
  webp: {
    exts: ['webp'],
    mime: 'image/webp',
    label: 'WebP',
    matches: (b) => startsWith(b, 'RIFF') && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
};

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (b: Buffer, s: string) => b.subarray(0, s.length).toString('latin1') === s;
const startsWithBytes = (b: Buffer, bytes: number[]) => b.length >= bytes.length && bytes.every((x, i) => b[i] === x);

/** The kind a file name's extension claims, or null. */
export function kindOfName(name: string): FileKind | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [kind, k] of Object.entries(table)) if (k.exts.includes(ext)) return kind as FileKind;
  return null;
}

/** True when the bytes carry the signature of the kind. */
export const contentMatches = (kind: FileKind, data: Buffer): boolean => table[kind].matches(data);

/** The content type stored and served for a kind. */
export const mimeOf = (kind: FileKind): string => table[kind].mime;

/** The kinds as people name them, for messages ("PDF、Word、Excel、JPEG…"). */
export function describeKinds(kinds: readonly FileKind[]): string {
  return [...new Set(kinds.map((k) => table[k].label))].join('、');
}

/** The extensions allowed for some kinds, for messages and the upload form's `accept`. */
export const extensionsOf = (kinds: readonly FileKind[]): string[] => kinds.flatMap((k) => table[k].exts.map((e) => `.${e}`));
