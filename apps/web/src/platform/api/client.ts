/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the CSRF
 * token on every write, JSON in and out, and errors turned into `ApiError` with the server's
 * stable `code` and field `details`, so pages never parse error bodies themselves.
 */

export interface FieldIssue {
  field: string;
  message: string;
}

/** An error answered by the API (or a network failure, code `network`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    /** The details as the server sent them, when they are not field issues (e.g. `retryAfter`). */
    readonly raw: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A page of a list as every list endpoint answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
const listeners = new Set<(e: ApiError) => void>();

/** Remembers the CSRF token from the latest login or /auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called for every 401 and 403 password_change_required, so the session can react once. */
export function onAuthError(fn: (e: ApiError) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Builds `/api/v1<path>?query`, leaving out empty values. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

function asIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldIssue => typeof d === 'object' && d !== null && typeof d.field === 'string' && typeof d.message === 'string',
  );
}

async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const e = new ApiError(res.status, err?.code ?? 'internal', err?.message ?? res.statusText, asIssues(err?.details), err?.details);
    if (e.status === 401 || e.code === 'password_change_required') for (const l of listeners) l(e);
    throw e;
  }
  return data as T;
}

/** The API, one method per HTTP verb. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
