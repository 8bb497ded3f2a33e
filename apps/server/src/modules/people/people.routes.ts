import type { FastifyInstance } from 'fastify';
import {
  accountListQuery,
  accountParams,
  accountWithRoles,
  changePasswordBody,
  createAccountBody,
  grantParams,
  grantRoleBody,
  id,
  loginBody,
  me,
  member,
  memberListQuery,
  okBody,
  page,
  registerBody,
  roleGrant,
} from '@shangliang/contract';
import { z } from 'zod';
import { route } from '../../platform/http/route.ts';
import * as service from './people.service.ts';

const manage = { roles: ['admin', 'staff'] } as const;

/** Routes of accounts, sessions, roles and members. */
export function registerPeopleRoutes(app: FastifyInstance): void {
  const tags = ['auth'];
  route(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    access: 'public',
    csrf: false,
    summary: 'Log in with a username or phone number and a password',
    tags,
    body: loginBody,
    response: me,
    handler: ({ body }, ctx) => service.login(ctx, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/auth/register',
    access: 'public',
    csrf: false,
    summary: 'A resident registers with phone number and name',
    tags,
    body: registerBody,
    response: me,
    status: 201,
    handler: ({ body }, ctx) => service.register(ctx, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/auth/me',
    access: 'authenticated',
    beforePasswordChange: true,
    summary: 'The logged-in account, its roles and the CSRF token',
    tags,
    response: me,
    handler: (_i, ctx) => service.me(ctx),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    access: 'authenticated',
    beforePasswordChange: true,
    summary: 'Log out',
    tags,
    response: okBody,
    handler: (_i, ctx) => service.logout(ctx),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/auth/password',
    access: 'authenticated',
    beforePasswordChange: true,
    summary: 'Change your password',
    tags,
    body: changePasswordBody,
    response: okBody,
    handler: ({ body }, ctx) => service.changePassword(ctx, body),
  });

  const accountTags = ['accounts'];
  route(app, {
    method: 'GET',
    url: '/api/v1/accounts',
    access: manage,
    summary: 'Accounts holding a role in the part of the organisation you manage',
    tags: accountTags,
    query: accountListQuery,
    response: page(accountWithRoles),
    handler: ({ query }, ctx) => service.listAccounts(ctx, query),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/accounts',
    access: manage,
    summary: 'Create an account with a first password to be changed at first login',
    tags: accountTags,
    body: createAccountBody,
    response: accountWithRoles,
    status: 201,
    handler: ({ body }, ctx) => service.createAccount(ctx, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/accounts/:id/roles',
    access: manage,
    summary: 'Grant a role on a node',
    tags: accountTags,
    params: accountParams,
    body: grantRoleBody,
    response: roleGrant,
    status: 201,
    handler: ({ params, body }, ctx) => service.grantRole(ctx, params.id, body),
  });
  route(app, {
    method: 'DELETE',
    url: '/api/v1/accounts/:id/roles/:grantId',
    access: manage,
    summary: 'Revoke a role grant',
    tags: accountTags,
    params: grantParams,
    response: okBody,
    handler: ({ params }, ctx) => service.revokeRole(ctx, params.id, params.grantId),
  });

  const memberAccess = { roles: ['admin', 'staff', 'leader', 'member', 'convener', 'department'] } as const;
  route(app, {
    method: 'GET',
    url: '/api/v1/members',
    access: memberAccess,
    summary: 'List CPPCC members (filter by body, sector, name or expertise)',
    tags: ['members'],
    query: memberListQuery,
    response: page(member),
    handler: ({ query }, ctx) => service.listMembers(ctx, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/members/me',
    access: { roles: ['member', 'convener', 'staff', 'leader', 'admin'] },
    summary: 'Your own member record',
    tags: ['members'],
    response: member,
    handler: (_i, ctx) => service.myMember(ctx),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/members/:id',
    access: memberAccess,
    summary: 'One member',
    tags: ['members'],
    params: z.strictObject({ id }),
    response: member,
    handler: ({ params }, ctx) => service.getMember(ctx, params.id),
  });
}
