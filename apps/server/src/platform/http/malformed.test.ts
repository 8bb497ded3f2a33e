import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { roles } from '@shangliang/contract';
import { createTestApp, snapshotTables, type Client, type TestApp } from '../../test/harness.ts';
import type { RouteSpec } from './route.ts';

/*
 * Malformed input at every route, generated from each route's own zod schemas: wrong types,
 * missing and extra fields, 1 MB strings, unusual Unicode, SQL and HTML injection strings, bad
 * ids. Each must be a 4xx whose details name the field, and no table may change.
 */

let t: TestApp;
let admin: Client;
const byRole = new Map<string, Client>();
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const r of roles) byRole.set(r, await t.login(r));
});

/** A client the route lets through its first layer, so that validation is what answers. */
const clientFor = (spec: RouteSpec) => (typeof spec.access === 'string' ? admin : byRole.get(spec.access.roles[0]!)!);
afterAll(async () => t?.close());

type Def = { type: string; shape?: Record<string, ZodType>; innerType?: ZodType; in?: ZodType; checks?: unknown[] };
const defOf = (s: ZodType) => (s as unknown as { def: Def }).def;

/** Removes optional/default/pipe wrappers: the field's own type. */
function core(s: ZodType): { type: string; optional: boolean; schema: ZodType } {
  let optional = false;
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable') {
      optional = optional || d.type !== 'nullable';
      cur = d.innerType!;
    } else if (d.type === 'pipe') cur = d.in!;
    else return { type: d.type, optional, schema: cur };
  }
}

function shapeOf(s: ZodType | undefined): Record<string, ZodType> {
  if (!s) return {};
  let cur = s;
  while (defOf(cur).type === 'pipe') cur = defOf(cur).in!;
  return defOf(cur).shape ?? {};
}

const MB = 'x'.repeat(1_000_001);
const injections = ["' OR '1'='1", '1; DROP TABLE account;--', '<script>alert(1)</script>', '../../etc/passwd'];
const badUnicode = ['a\u0000b', '\ud800x', 'abc\u202Edef', '\u0007bell'];

/** Values that a field of this type must refuse. */
function badValuesFor(type: string, where: 'body' | 'query' | 'params'): unknown[] {
  const asText = where !== 'body';
  switch (type) {
    case 'string':
      // Free text accepts injection strings verbatim (they are data, stored as typed and escaped
      // on output); it must refuse too-long text and characters no person types.
      // (A lone surrogate cannot travel in a URL: its raw bytes decode to U+FFFD, valid text.)
      return asText ? [MB, ...badUnicode.filter((u) => !/[\ud800-\udfff]/.test(u))] : [12345, true, { a: 1 }, ['x'], MB, ...badUnicode];
    case 'enum':
      return asText ? [...injections, MB] : [...injections, 7, null];
    case 'number':
      return asText ? ['abc', '-1', '1e9', "1' OR '1'='1"] : ['abc', -1, 1e12, 1.5];
    case 'array':
      return asText ? [] : ['not-a-list', 42, { a: 1 }];
    case 'object':
      return asText ? [] : ['not-an-object', 42, ['x']];
    case 'record':
      return asText ? [] : ['not-an-object', 42, ['x'], { 'not a key!': 'x' }];
    case 'boolean':
      return asText ? ['maybe'] : ['yes', 1];
    default:
      return asText ? [...injections] : [42, {}];
  }
}

/** Is this string schema one with a format (id, phone, date, regex) rather than free text? */
function isFormatted(schema: ZodType): boolean {
  type Check = { _zod?: { def?: { format?: string; check?: string } } };
  const d = defOf(schema) as unknown as { format?: string; checks?: Check[] };
  if (d.format) return true;
  return (d.checks ?? []).some((c: Check) => {
    const f = c?._zod?.def?.format ?? c?._zod?.def?.check;
    return f === 'regex' || f === 'uuid' || f === 'datetime' || f === 'date' || f === 'string_format';
  });
}

/** URL-encodes; a lone surrogate (not encodable) is sent as its raw CESU bytes, as an attacker would. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return v
      .split('')
      .map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch)))
      .join('');
  }
};

const validId = '01900000-0000-7000-8000-000000000000';
const fillParams = (url: string, over: Record<string, string> = {}) => url.replace(/:(\w+)/g, (_m, k: string) => enc(over[k] ?? validId));

function cases(spec: RouteSpec): { label: string; url: string; body: unknown; field: string }[] {
  const out: { label: string; url: string; body: unknown; field: string }[] = [];
  const hasBody = !!spec.body;
  const base = hasBody ? {} : undefined;
  for (const [k, f] of Object.entries(shapeOf(spec.params))) {
    const c = core(f);
    for (const v of [...injections, 'not-an-id', '12345', MB.slice(0, 5000)]) {
      out.push({
        label: `params.${k}=${String(v).slice(0, 20)}`,
        url: fillParams(spec.url, { [k]: String(v) }),
        body: base,
        field: `params.${k}`,
      });
    }
    void c;
  }
  for (const [k, f] of Object.entries(shapeOf(spec.query))) {
    const c = core(f);
    const values = c.type === 'string' && isFormatted(c.schema) ? [...injections, MB] : badValuesFor(c.type, 'query');
    for (const v of values) {
      out.push({
        label: `query.${k}=${String(v).slice(0, 20)}`,
        url: `${fillParams(spec.url)}?${k}=${enc(String(v))}`,
        body: base,
        field: `query.${k}`,
      });
    }
  }
  out.push({ label: 'query.unknown', url: `${fillParams(spec.url)}?sneaky=1`, body: base, field: 'query.sneaky' });
  if (spec.body) {
    for (const [k, f] of Object.entries(shapeOf(spec.body))) {
      const c = core(f);
      const values =
        c.type === 'string' && isFormatted(c.schema) ? [...injections, 12345, MB, ...badUnicode] : badValuesFor(c.type, 'body');
      for (const v of values)
        out.push({
          label: `body.${k}=${JSON.stringify(v)?.slice(0, 20)}`,
          url: fillParams(spec.url),
          body: { [k]: v },
          field: `body.${k}`,
        });
      if (!c.optional) out.push({ label: `body.${k} missing`, url: fillParams(spec.url), body: {}, field: `body.${k}` });
    }
    out.push({ label: 'body.unknown', url: fillParams(spec.url), body: { sneaky: '<b>x</b>' }, field: 'body.sneaky' });
    out.push({ label: 'body not an object', url: fillParams(spec.url), body: [1, 2, 3], field: 'body' });
  } else if (spec.method !== 'GET' && spec.method !== 'DELETE') {
    out.push({ label: 'unexpected body', url: fillParams(spec.url), body: { sneaky: 1 }, field: 'body' });
  }
  return out;
}

describe('malformed input on every route', () => {
  it('answers 4xx naming the field, and stores nothing', async () => {
    const before = await snapshotTables(t.db);
    let total = 0;
    const failures: string[] = [];
    for (const spec of t.app.routeSpecs) {
      for (const c of cases(spec)) {
        total++;
        const res = await clientFor(spec).request(spec.method, c.url, c.body === undefined ? undefined : c.body);
        const where = `${spec.method} ${spec.url} ${c.label}`;
        if (res.statusCode < 400 || res.statusCode >= 500) {
          failures.push(`${where}: status ${res.statusCode}`);
          continue;
        }
        const err = res.json().error;
        const fields: string[] = (err.details ?? []).map((d: { field: string }) => d.field);
        // A field's own issue, or one inside it (body.grants.0.nodeId names body.grants).
        // 413/414: the request itself is too large to read; nothing reaches a field.
        if (res.statusCode !== 413 && res.statusCode !== 414 && !fields.some((f) => f === c.field || f.startsWith(`${c.field}.`))) {
          failures.push(`${where}: ${res.statusCode} names ${JSON.stringify(fields)} not ${c.field}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(total).toBeGreaterThan(200);
    expect(await snapshotTables(t.db)).toBe(before);
  });

  it('refuses bodies that are not JSON, and bodies over the limit, without a 500', async () => {
    const before = await snapshotTables(t.db);
    const notJson = await admin.request('POST', '/api/v1/org/nodes', '{"name": ', { 'content-type': 'application/json' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('invalid_json');
    const huge = await admin.request('POST', '/api/v1/org/nodes', { name: 'x'.repeat(3_000_000) });
    expect(huge.statusCode).toBe(413);
    const form = await admin.request('POST', '/api/v1/org/nodes', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    expect(await snapshotTables(t.db)).toBe(before);
  });

  it('stores injection strings in free text verbatim, as data', async () => {
    const staff = await t.login('staff');
    const town = (await staff.get('/api/v1/org/nodes?kind=town&limit=1')).json().items[0];
    const name = "'); DROP TABLE org_node;-- <img src=x onerror=alert(1)> 🙂𠀀";
    const res = await staff.post('/api/v1/org/nodes', { parentId: town.id, kind: 'dutyGroup', name });
    expect(res.statusCode).toBe(201);
    expect((await staff.get(`/api/v1/org/nodes/${res.json().id}`)).json().name).toBe(name);
  });
});
