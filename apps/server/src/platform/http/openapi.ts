import type { FastifyInstance } from 'fastify';
import { z, type ZodType } from 'zod';
import { errorBody } from '@shangliang/contract';
import { route, type RouteSpec } from './route.ts';

function jsonSchema(schema: ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** Builds the OpenAPI 3.1 document from the registered route specs and their zod schemas. */
export function openApiDocument(specs: RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const s of specs) {
    const p = s.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', s.params],
      ['query', s.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
      }
    }
    (paths[p] ??= {})[s.method.toLowerCase()] = {
      summary: s.summary,
      tags: s.tags,
      'x-access': s.access,
      parameters,
      ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(s.body, 'input') } } } } : {}),
      responses: {
        [String(s.status ?? 200)]: {
          description: 'success',
          ...(s.response ? { content: { 'application/json': { schema: jsonSchema(s.response, 'output') } } } : {}),
        },
        '4XX': { description: 'refused', content: { 'application/json': { schema: jsonSchema(errorBody, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Shangliang (商量) API', version: '1' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sl_session' } } },
    security: [{ session: [] }],
    paths,
  };
}

const docsPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>商量 API 文档</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{color:#C8161D}section{border-top:1px solid #ddd;padding:.5rem 0}code{background:#f4f4f4;padding:0 .3rem}
.m{display:inline-block;min-width:4rem;font-weight:bold}pre{background:#f7f7f7;padding:.5rem;overflow:auto;font-size:.8rem}</style></head>
<body><h1>商量 API (v1)</h1><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
Errors: <code>{"error":{"code","message","details"}}</code>. Writes need the <code>x-csrf-token</code> header from <code>/api/v1/auth/me</code>.</p>
<div id="list">Loading…</div><script>
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{const out=[];for(const [p,ops] of Object.entries(doc.paths)){for(const [m,op] of Object.entries(ops)){
const a=typeof op['x-access']==='string'?op['x-access']:'roles: '+op['x-access'].roles.join(', ');
out.push('<section><div><span class="m">'+m.toUpperCase()+'</span><code>'+p+'</code> — '+op.summary+' <small>('+a+')</small></div>'+
(op.requestBody?'<details><summary>body</summary><pre>'+JSON.stringify(op.requestBody.content['application/json'].schema,null,1)+'</pre></details>':'')+'</section>')}}
document.getElementById('list').innerHTML=out.join('')});</script></body></html>`;

/** Serves the OpenAPI document and a readable page of it. */
export function registerOpenApi(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/openapi.json',
    access: 'public',
    summary: 'The OpenAPI document of this API',
    tags: ['meta'],
    handler: async () => openApiDocument(app.routeSpecs),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/docs',
    access: 'public',
    summary: 'A readable page of the API',
    tags: ['meta'],
    raw: true,
    handler: async (_i, ctx) => ctx.reply.type('text/html; charset=utf-8').send(docsPage),
  });
}
