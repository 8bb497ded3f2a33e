import type { FastifyInstance } from 'fastify';
import {
  answerBody,
  createDeliberationBody,
  deliberation,
  deliberationActionParams,
  deliberationListQuery,
  deliberationParams,
  deliberationTransitionBody,
  inviteBody,
  page,
  participant,
  participantParams,
  researchFindingsBody,
  researchTask,
  researchTaskBody,
  researchTaskParams,
  speech,
  speechBody,
  updateDeliberationBody,
} from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import { z } from 'zod';
import { id, okBody, qrQuery, roomDashboard, selfSignInBody } from '@shangliang/contract';
import { roomDashboard as dashboardOf } from './dashboard.ts';
import * as meeting from './meeting.ts';
import * as service from './deliberations.service.ts';

const tags = ['deliberations'];
const runners = { roles: ['admin', 'staff', 'convener'] } as const;

/** Routes of a room's deliberation: lifecycle, participants, research, the meeting's record. */
export function registerDeliberationRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations',
    access: runners,
    summary: 'Open a deliberation on a selected topic',
    tags,
    body: createDeliberationBody,
    response: deliberation,
    status: 201,
    handler: ({ body }, ctx) => service.createDeliberation(ctx, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations',
    access: { roles: ['admin', 'staff', 'convener', 'leader'] },
    summary: 'List deliberations by room and state',
    tags,
    query: deliberationListQuery,
    response: page(deliberation),
    handler: ({ query }, ctx) => service.listDeliberations(ctx, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id',
    access: 'authenticated',
    summary: 'One deliberation with its participation check and your next actions',
    tags,
    params: deliberationParams,
    response: deliberation,
    handler: ({ params }, ctx) => service.getDeliberation(ctx, params.id),
  });
  route(app, {
    method: 'PATCH',
    url: '/api/v1/deliberations/:id',
    access: runners,
    summary: "Edit the meeting's date, place and agenda, the research report or the minutes",
    tags,
    params: deliberationParams,
    body: updateDeliberationBody,
    response: deliberation,
    handler: ({ params, body }, ctx) => service.updateDeliberation(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/actions/:action',
    access: runners,
    summary: 'Take a lifecycle action: prepare, schedule, open, closeMeeting, cancel',
    tags,
    params: deliberationActionParams,
    body: deliberationTransitionBody,
    response: deliberation,
    handler: ({ params, body }, ctx) => service.transitionDeliberation(ctx, params.id, params.action, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/participants',
    access: 'authenticated',
    summary: 'The participants and their answers',
    tags,
    params: deliberationParams,
    response: page(participant),
    handler: ({ params }, ctx) => service.listParticipants(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/participants',
    access: runners,
    summary: 'Invite a participant',
    tags,
    params: deliberationParams,
    body: inviteBody,
    response: participant,
    status: 201,
    handler: ({ params, body }, ctx) => service.invite(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/participants/:participantId/answer',
    access: 'authenticated',
    summary: 'Accept or decline an invitation (the invited person, or the convener for them)',
    tags,
    params: participantParams,
    body: answerBody,
    response: participant,
    handler: ({ params, body }, ctx) => service.answer(ctx, params.id, params.participantId, body.answer),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/participants/:participantId/sign-in',
    access: runners,
    summary: 'Sign a participant in by hand',
    tags,
    params: participantParams,
    response: participant,
    handler: ({ params }, ctx) => service.signIn(ctx, params.id, params.participantId),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/participants/:participantId/remind',
    access: runners,
    summary: 'Remind an invited person who has not answered',
    tags,
    params: participantParams,
    response: okBody.extend({ remindedAt: z.string() }),
    handler: ({ params }, ctx) => meeting.remindInvitee(ctx, params.id, params.participantId),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/sign-in-qr',
    access: runners,
    summary: "The meeting's sign-in QR code, shown in the room (PNG or SVG)",
    tags,
    params: deliberationParams,
    query: qrQuery,
    raw: true,
    handler: ({ params, query }, ctx) => meeting.signInQr(ctx, params.id, query.format),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/sign-in',
    access: 'authenticated',
    summary: 'Sign yourself in with the code from the room’s QR',
    tags,
    params: deliberationParams,
    body: selfSignInBody,
    response: z.object({ signedInAt: z.string(), name: z.string(), already: z.boolean() }),
    handler: ({ params, body }, ctx) => meeting.selfSignIn(ctx, params.id, body.code),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/rooms/:id/dashboard',
    access: { roles: ['admin', 'staff', 'leader', 'convener'] },
    summary: "A room's dashboard: deliberations by state, topics by category, on-time and satisfaction rates by month",
    tags,
    params: z.strictObject({ id }),
    response: roomDashboard,
    handler: ({ params }, ctx) => dashboardOf(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/research-tasks',
    access: 'authenticated',
    summary: 'Research tasks before the meeting',
    tags,
    params: deliberationParams,
    response: page(researchTask),
    handler: ({ params }, ctx) => service.listResearchTasks(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/research-tasks',
    access: runners,
    summary: 'Add a research task',
    tags,
    params: deliberationParams,
    body: researchTaskBody,
    response: researchTask,
    status: 201,
    handler: ({ params, body }, ctx) => service.addResearchTask(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/research-tasks/:taskId/findings',
    access: 'authenticated',
    summary: "Record a research task's findings (the assignee or the convener)",
    tags,
    params: researchTaskParams,
    body: researchFindingsBody,
    response: researchTask,
    handler: ({ params, body }, ctx) => service.completeResearchTask(ctx, params.id, params.taskId, body.findings, body.attachmentIds),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/speeches',
    access: 'authenticated',
    summary: "The meeting's speeches",
    tags,
    params: deliberationParams,
    response: page(speech),
    handler: ({ params }, ctx) => service.listSpeeches(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/speeches',
    access: runners,
    summary: 'Record a speech (interaction: a department answering participants)',
    tags,
    params: deliberationParams,
    body: speechBody,
    response: speech,
    status: 201,
    handler: ({ params, body }, ctx) => service.recordSpeech(ctx, params.id, body),
  });
}
