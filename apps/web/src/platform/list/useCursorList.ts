import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/client.ts';

/** Fetches one page of a list for the given filters. */
export type PageFetcher<T, F> = (filters: F, cursor: string | null, limit: number) => Promise<Page<T>>;

/**
 * Cursor pagination as the API does it: a stack of cursors so that the person can go forward
 * and back; a change of filters starts again from the first page.
 */
export function useCursorList<T, F>(fetchPage: PageFetcher<T, F>, filters: F, limit = 20) {
  const filterKey = JSON.stringify(filters);
  // The cursor stack belongs to one set of filters; new filters start again from the first page
  // in the same render (no fetch of an old cursor with new filters).
  const [stack, setStack] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = stack.key === filterKey ? stack.cursors : [null];
  const [data, setData] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    fetchRef
      .current(JSON.parse(filterKey) as F, cursor, limit)
      .then((p) => live && setData(p))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filterKey, cursor, limit, reloadTick]);

  const next = useCallback(() => {
    if (data?.nextCursor) setStack({ key: filterKey, cursors: [...cursors, data.nextCursor] });
  }, [data, filterKey, cursors]);
  const prev = useCallback(
    () => setStack({ key: filterKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
    [filterKey, cursors],
  );
  const reload = useCallback(() => setReloadTick((n) => n + 1), []);

  return {
    items: data?.items ?? [],
    total: data?.total ?? 0,
    /** A first page has arrived: until then there is no total to say, and no empty state. */
    loaded: data !== null,
    loading,
    error,
    page: cursors.length,
    hasNext: Boolean(data?.nextCursor),
    hasPrev: cursors.length > 1,
    next,
    prev,
    reload,
  };
}
