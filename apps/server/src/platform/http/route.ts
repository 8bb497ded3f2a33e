import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Role } from '@shangliang/contract';
import { AppError, type FieldIssue } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { Deps } from '../deps.ts';

/**
 * Who may call a route at all (STYLE.md point 6, first layer). Every /api route must say it;
 * the service then checks the actor against the resource with the module's policy.
 * - `public`: anyone, logged in or not
 * - `authenticated`: any logged-in account
 * - `{ roles }`: an account holding at least one of these roles somewhere in the org tree
 */
export type Access = 'public' | 'authenticated' | { roles: readonly Role[] };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler receives besides its validated input. */
export interface RequestContext extends Deps {
  actor: Actor | null;
  ip: string;
  userAgent: string | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A context whose actor is known to be logged in (routes that are not public). */
export interface AuthedContext extends RequestContext {
  actor: Actor;
}

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

export interface RouteSpec<
  P extends ZodType | undefined = ZodType | undefined,
  Q extends ZodType | undefined = ZodType | undefined,
  B extends ZodType | undefined = ZodType | undefined,
  A extends Access = Access,
> {
  method: Method;
  url: string;
  access: A;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response?: ZodType;
  /** The success status; 200 unless the route creates (201) or answers nothing (204). */
  status?: number;
  /** Login and registration have no session yet; everything else that writes needs the token. */
  csrf?: boolean;
  /** Reachable while a first password change is pending (me, change password, logout). */
  beforePasswordChange?: boolean;
  /** A route that answers something other than JSON (files, HTML): it sends the reply itself. */
  raw?: boolean;
  handler: (input: { params: Infer<P>; query: Infer<Q>; body: Infer<B> }, ctx: AccessContext<A>) => Promise<unknown>;
}

type AccessContext<A> = [A] extends ['public'] ? RequestContext : AuthedContext;

declare module 'fastify' {
  interface FastifyInstance {
    routeSpecs: RouteSpec[];
    /** Every /api route Fastify registered (HTTP and WebSocket), to prove the tests enumerate them all. */
    apiRoutes: { method: string; url: string; websocket: boolean; access: unknown }[];
    deps: Deps;
    lifecycle: { shuttingDown: boolean };
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

function issuesOf(where: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    // An unknown key is reported on the object; name the key itself so the person sees which.
    const keys = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys : [];
    const pathParts = [where, ...i.path.map(String), ...(keys.length === 1 ? keys : [])];
    const message = i.code === 'unrecognized_keys' ? `unknown field${keys.length > 1 ? `s ${keys.join(', ')}` : ''}` : i.message;
    return { field: pathParts.join('.'), message };
  });
}

function parsePart(where: string, schema: ZodType | undefined, value: unknown, issues: FieldIssue[]): unknown {
  if (!schema) {
    const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
    if (!empty) {
      if (typeof value === 'object' && !Array.isArray(value)) {
        for (const k of Object.keys(value as object)) issues.push({ field: `${where}.${k}`, message: 'unknown field' });
      } else issues.push({ field: where, message: 'not expected' });
    }
    return undefined;
  }
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    issues.push(...issuesOf(where, result.error));
    return undefined;
  }
  return result.data;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Checks the first authorization layer; throws 401/403 with a reason. */
export function checkAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new AppError(401, 'unauthenticated', 'please log in');
  if (access === 'authenticated') return;
  if (!actor.grants.some((g) => access.roles.includes(g.role))) {
    throw new AppError(403, 'forbidden', `this needs one of the roles: ${access.roles.join(', ')}`);
  }
}

/**
 * Registers a route: access first, then the CSRF token, then the request's shape, then the
 * handler. Validation failures answer 400 with every bad field named (`body.name: required`).
 */
export function route<P extends ZodType | undefined, Q extends ZodType | undefined, B extends ZodType | undefined, const A extends Access>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B, A>,
): void {
  app.routeSpecs.push(spec as unknown as RouteSpec);
  app.route({
    method: spec.method,
    url: spec.url,
    config: { access: spec.access },
    handler: async (request, reply) => {
      const actor = request.actor;
      checkAccess(spec.access, actor);
      if (actor?.mustChangePassword && !spec.beforePasswordChange && spec.access !== 'public') {
        throw new AppError(403, 'password_change_required', 'please change your password first');
      }
      if (writeMethods.has(spec.method) && spec.csrf !== false && actor) {
        const token = request.headers['x-csrf-token'];
        if (token !== actor.csrfToken) throw new AppError(403, 'csrf_failed', 'missing or wrong x-csrf-token header');
      }
      const issues: FieldIssue[] = [];
      const params = parsePart('params', spec.params, request.params, issues);
      const query = parsePart('query', spec.query, request.query, issues);
      const body = parsePart('body', spec.body, request.body, issues);
      if (issues.length) {
        throw new AppError(400, 'validation_failed', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
      }
      const ctx: RequestContext = {
        ...app.deps,
        actor,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        request,
        reply,
      };
      const result = await spec.handler(
        { params, query, body } as { params: Infer<P>; query: Infer<Q>; body: Infer<B> },
        ctx as AccessContext<A>,
      );
      if (spec.raw) return reply;
      reply.code(spec.status ?? 200);
      return spec.status === 204 ? reply.send() : result;
    },
  });
}
