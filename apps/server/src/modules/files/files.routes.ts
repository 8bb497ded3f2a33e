import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { fileInfo, fileParams, uploadQuery } from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import * as service from './files.service.ts';

const tags = ['files'];

/**
 * Routes of uploaded files. The multipart parser is registered in this module's own scope, so
 * every other route still accepts JSON only. The body of an upload is read by the service (the
 * route's zod body stays empty: a JSON body is refused field by field as elsewhere).
 */
export function registerFileRoutes(app: FastifyInstance): void {
  void app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { files: 1, fields: 5, parts: 6 } });
    route(scoped, {
      method: 'POST',
      url: '/api/v1/files',
      access: 'authenticated',
      summary: 'Upload a file (multipart/form-data, field "file"); nodeId picks the body whose limits apply',
      tags,
      query: uploadQuery,
      response: fileInfo,
      status: 201,
      handler: ({ query }, ctx) => service.upload(ctx, query),
    });
    route(scoped, {
      method: 'GET',
      url: '/api/v1/files/:id',
      access: 'authenticated',
      summary: 'Download a file',
      tags,
      params: fileParams,
      raw: true,
      handler: ({ params }, ctx) => service.download(ctx, params.id),
    });
  });
}
