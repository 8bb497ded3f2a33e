import { AppError } from '../errors.ts';

/**
 * Cursors are opaque to clients: base64url of the last row's sort key and id. Keyset paging
 * stays fast on deep pages and stable while rows are added.
 */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

/** Decodes a cursor; a tampered cursor is a 400 that names the field. */
export function decodeCursor(cursor: string | undefined): { sortKey: string; id: string } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      return { sortKey: v[0], id: v[1] };
    }
  } catch {
    /* fall through */
  }
  throw new AppError(400, 'validation_failed', 'query.cursor: not a valid cursor', [
    { field: 'query.cursor', message: 'not a valid cursor' },
  ]);
}

/** Cuts a fetched page (limit + 1 rows) into items and the next cursor. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => [string, string]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(...key(last)) : null };
}
