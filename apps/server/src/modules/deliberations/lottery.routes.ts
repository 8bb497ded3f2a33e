import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  deliberationParams,
  lottery,
  lotterySuggestion,
  page,
  publicLottery,
  publishedLottery,
  replaceBody,
  roomParams,
  runLotteryBody,
  signUp,
  signUpFormBody,
  volunteer,
  volunteerBody,
} from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import * as service from './lottery.ts';
import * as signUps from './signup.ts';

const tags = ['lottery'];
const runners = { roles: ['admin', 'staff', 'convener'] } as const;

/** Routes of the participants' lottery: sign-up, volunteers, quotas, draw, publication, replacements, the public record. */
export function registerLotteryRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/sign-up',
    access: runners,
    summary: 'The sign-up: open or closed, the convener’s questions, the communities to choose from',
    tags,
    params: deliberationParams,
    response: signUp,
    handler: ({ params }, ctx) => signUps.getSignUp(ctx, params.id),
  });
  route(app, {
    method: 'PUT',
    url: '/api/v1/deliberations/:id/sign-up',
    access: runners,
    summary: 'Set the convener’s questions and the communities (while nobody has answered)',
    tags,
    params: deliberationParams,
    body: signUpFormBody,
    response: signUp,
    handler: ({ params, body }, ctx) => signUps.setSignUpForm(ctx, params.id, body),
  });
  for (const action of ['open', 'close'] as const) {
    route(app, {
      method: 'POST',
      url: `/api/v1/deliberations/:id/sign-up/${action}`,
      access: runners,
      summary: action === 'open' ? 'Open sign-up to volunteers' : 'Close sign-up (no new volunteers)',
      tags,
      params: deliberationParams,
      response: signUp,
      handler: ({ params }, ctx) => signUps.switchSignUp(ctx, params.id, action === 'open'),
    });
  }
  route(app, {
    method: 'GET',
    url: '/api/v1/public/deliberations/:id/lottery/result',
    access: 'public',
    summary: 'A published lottery for anyone to re-run: pool (ids and features), quotas, size, seed, digest, engine, panel (masked)',
    tags,
    params: deliberationParams,
    response: publishedLottery,
    handler: ({ params }, ctx) => service.publishedLottery(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/public/deliberations/:id/lottery/pool.csv',
    access: 'public',
    summary: 'The published pool as `npm run select` reads it (ids and features, never names)',
    tags,
    params: deliberationParams,
    raw: true,
    handler: ({ params }, ctx) => service.publishedPoolCsv(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/public/deliberations/:id/lottery/quotas.csv',
    access: 'public',
    summary: 'The published quotas as `npm run select` reads them',
    tags,
    params: deliberationParams,
    raw: true,
    handler: ({ params }, ctx) => service.publishedQuotasCsv(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/public/rooms/:id/lotteries',
    access: 'public',
    summary: "A room's deliberations open to volunteers (no names; whether you have volunteered)",
    tags,
    params: roomParams,
    response: z.object({ items: z.array(publicLottery) }),
    handler: ({ params }, ctx) => service.publicLotteries(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/public/deliberations/:id/lottery',
    access: 'public',
    summary: "A deliberation's lottery sign-up as the public sees it",
    tags,
    params: deliberationParams,
    response: publicLottery,
    handler: ({ params }, ctx) => service.publicLottery(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/volunteers',
    access: 'authenticated',
    summary: 'Volunteer for the lottery with your features',
    tags,
    params: deliberationParams,
    body: volunteerBody,
    response: volunteer,
    status: 201,
    handler: ({ params, body }, ctx) => service.volunteer(ctx, params.id, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/volunteers',
    access: 'authenticated',
    summary: 'The pool of volunteers (names masked except for the convener and staff)',
    tags,
    params: deliberationParams,
    response: page(volunteer),
    handler: ({ params }, ctx) => service.listVolunteers(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/lottery/suggestion',
    access: runners,
    summary: "Quotas suggested from the body's rules",
    tags,
    params: deliberationParams,
    response: lotterySuggestion,
    handler: ({ params }, ctx) => service.suggestLottery(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/lottery',
    access: runners,
    summary: 'Run the leximin lottery with quotas, a size and a public seed',
    tags,
    params: deliberationParams,
    body: runLotteryBody,
    response: lottery,
    handler: ({ params, body }, ctx) => service.runLottery(ctx, params.id, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/lottery',
    access: 'authenticated',
    summary: 'The lottery: panel, probabilities, seed and input digest',
    tags,
    params: deliberationParams,
    response: lottery,
    handler: ({ params }, ctx) => service.getLottery(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/lottery/publish',
    access: runners,
    summary: 'Publish the lottery and invite the panel',
    tags,
    params: deliberationParams,
    response: lottery,
    handler: ({ params }, ctx) => service.publishLottery(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/lottery/replace',
    access: runners,
    summary: 'Draw a replacement for a panel member who declined, keeping every quota',
    tags,
    params: deliberationParams,
    body: replaceBody,
    response: lottery,
    handler: ({ params, body }, ctx) => service.replaceDeclined(ctx, params.id, body.participantId),
  });
}
