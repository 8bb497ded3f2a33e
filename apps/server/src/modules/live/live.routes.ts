import type { FastifyInstance } from 'fastify';

import {
  createPollBody,
  currentStatementBody,
  liveHandsQuery,
  finishSpeechBody,
  giveFloorBody,
  hand,
  handParams,
  handsBody,
  joinLiveBody,
  joinLiveReply,
  liveEventsQuery,
  liveEventsReply,
  liveSession,
  liveSessionListQuery,
  liveSessionParams,
  moderateStatementBody,
  nextStatementReply,
  openLiveSessionBody,
  opinionMap,
  page,
  poll,
  pollParams,
  pollResponseBody,
  promoteBody,
  promoteReply,
  raiseHandBody,
  seedStatementsBody,
  statement,
  statementBody,
  statementParams,
  updateLiveSessionBody,
  venue,
  venueBody,
  venueParams,
  venueSignInBody,
  voteBody,
  voteReply,
} from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import type { MapScheduler } from './live.map.ts';
import type { VoteWriter } from './live.votes.ts';
import * as service from './live.service.ts';

const tags = ['live'];
const runners = { roles: ['admin', 'staff', 'convener'] } as const;
const base = '/api/v1/live/sessions';

/**
 * Routes of live sessions. Taking part is `public` at this layer because a session with the
 * `link` policy admits pseudonymous participants; the service checks the session's own policy.
 */
export function registerLiveRoutes(app: FastifyInstance, maps: MapScheduler, votes: VoteWriter): void {
  route(app, {
    method: 'POST',
    url: base,
    access: runners,
    summary: 'Open a live session (online, hybrid or remote) on a deliberation',
    tags,
    body: openLiveSessionBody,
    response: liveSession,
    status: 201,
    handler: ({ body }, ctx) => service.openSession(ctx, body),
  });
  route(app, {
    method: 'GET',
    url: base,
    access: 'authenticated',
    summary: "A deliberation's live sessions",
    tags,
    query: liveSessionListQuery,
    response: page(liveSession),
    handler: ({ query }, ctx) => service.listSessions(ctx, query.deliberationId),
  });
  route(app, {
    method: 'GET',
    url: `${base}/:id`,
    access: 'public',
    summary: 'A live session, its venues and your part in it',
    tags,
    params: liveSessionParams,
    response: liveSession,
    handler: ({ params }, ctx) => service.getSession(ctx, params.id),
  });
  route(app, {
    method: 'PATCH',
    url: `${base}/:id`,
    access: runners,
    summary: "Edit a live session's title, moderation or closing time",
    tags,
    params: liveSessionParams,
    body: updateLiveSessionBody,
    response: liveSession,
    handler: ({ params, body }, ctx) => service.updateSession(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/close`,
    access: runners,
    summary: 'Close a live session',
    tags,
    params: liveSessionParams,
    response: liveSession,
    handler: ({ params }, ctx) => service.closeSession(ctx, params.id, maps),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/current`,
    access: runners,
    summary: 'Put a published statement before the room (the projector shows it, phones are offered it first), or none',
    tags,
    params: liveSessionParams,
    body: currentStatementBody,
    response: liveSession,
    handler: ({ params, body }, ctx) => service.setCurrentStatement(ctx, params.id, body.statementId),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/join`,
    access: 'public',
    summary: 'Join a live session (as yourself, or pseudonymously with the link policy)',
    tags,
    params: liveSessionParams,
    body: joinLiveBody,
    response: joinLiveReply,
    handler: ({ params }, ctx) => service.join(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: `${base}/:id/statements`,
    access: 'public',
    summary: 'The statements with their vote and show-of-hands counts',
    tags,
    params: liveSessionParams,
    response: page(statement),
    handler: ({ params }, ctx) => service.listStatements(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/statements`,
    access: 'public',
    summary: 'Write a statement (length limit; empty and duplicate refused)',
    tags,
    params: liveSessionParams,
    body: statementBody,
    response: statement,
    status: 201,
    handler: ({ params, body }, ctx) => service.createStatement(ctx, params.id, body.text),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/statements/seed`,
    access: runners,
    summary: 'Seed statements, e.g. from the research report',
    tags,
    params: liveSessionParams,
    body: seedStatementsBody,
    response: page(statement),
    status: 201,
    handler: ({ params, body }, ctx) => service.seedStatements(ctx, params.id, body.texts),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/statements/:statementId/moderate`,
    access: 'public',
    summary: 'Publish, reject or withdraw a statement (staff; an author may withdraw their own)',
    tags,
    params: statementParams,
    body: moderateStatementBody,
    response: statement,
    handler: ({ params, body }, ctx) => service.moderate(ctx, params.id, params.statementId, body.decision, maps),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/statements/:statementId/hands`,
    access: runners,
    summary: 'Enter the show-of-hands counts of the room on a statement',
    tags,
    params: statementParams,
    body: handsBody,
    response: statement,
    handler: ({ params, body }, ctx) => service.enterHands(ctx, params.id, params.statementId, body),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/statements/:statementId/promote`,
    access: runners,
    summary: "Promote a consensus statement into the deliberation's recommendations, with its support by group",
    tags,
    params: statementParams,
    body: promoteBody,
    response: promoteReply,
    status: 201,
    handler: ({ params, body }, ctx) => service.promote(ctx, params.id, params.statementId, body.rationale),
  });
  route(app, {
    method: 'GET',
    url: `${base}/:id/next`,
    access: 'public',
    summary: "Your next statement to vote on, by Pol.is's priority",
    tags,
    params: liveSessionParams,
    response: nextStatementReply,
    handler: ({ params }, ctx) => service.nextStatement(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/votes`,
    access: 'public',
    summary: 'Vote agree, disagree or pass on a statement (the last vote counts)',
    tags,
    params: liveSessionParams,
    body: voteBody,
    response: voteReply,
    handler: ({ params, body }, ctx) => service.vote(ctx, params.id, body, maps, votes),
  });
  route(app, {
    method: 'GET',
    url: `${base}/:id/map`,
    access: 'public',
    summary: 'The latest opinion map: positions, groups, representative and consensus statements',
    tags,
    params: liveSessionParams,
    response: opinionMap,
    handler: ({ params }, ctx) => service.getMap(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: `${base}/:id/events`,
    access: 'public',
    summary: 'Events after a resume point (what the WebSocket replays)',
    tags,
    params: liveSessionParams,
    query: liveEventsQuery,
    response: liveEventsReply,
    handler: ({ params, query }, ctx) => service.listEvents(ctx, params.id, query.after, query.limit),
  });
  route(app, {
    method: 'GET',
    url: `${base}/:id/hands`,
    access: 'public',
    summary: 'The speaker queue (names masked except for the convener and staff, or for everyone with view=public)',
    tags,
    params: liveSessionParams,
    query: liveHandsQuery,
    response: page(hand),
    handler: ({ params, query }, ctx) => service.listHands(ctx, params.id, query.view === 'public'),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/hands`,
    access: 'public',
    summary: 'Raise a hand (yourself online, or staff for someone in the room or a venue)',
    tags,
    params: liveSessionParams,
    body: raiseHandBody,
    response: hand,
    status: 201,
    handler: ({ params, body }, ctx) => service.raiseHand(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/hands/:handId/floor`,
    access: runners,
    summary: 'Give the floor to a speaker, with a time',
    tags,
    params: handParams,
    body: giveFloorBody,
    response: hand,
    handler: ({ params, body }, ctx) => service.giveFloor(ctx, params.id, params.handId, body.seconds),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/hands/:handId/finish`,
    access: runners,
    summary: 'End a speech and log it to the meeting record with its venue',
    tags,
    params: handParams,
    body: finishSpeechBody,
    response: hand,
    handler: ({ params, body }, ctx) => service.finishSpeech(ctx, params.id, params.handId, body),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/hands/:handId/withdraw`,
    access: 'public',
    summary: 'Lower a raised hand (its owner, or staff)',
    tags,
    params: handParams,
    response: hand,
    handler: ({ params }, ctx) => service.withdrawHand(ctx, params.id, params.handId),
  });
  route(app, {
    method: 'GET',
    url: `${base}/:id/polls`,
    access: 'public',
    summary: 'The polls of a session (results hidden until closed when the poll says so)',
    tags,
    params: liveSessionParams,
    response: page(poll),
    handler: ({ params }, ctx) => service.listPolls(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/polls`,
    access: runners,
    summary: 'Open a poll: single, multiple, score 1–5 or consent',
    tags,
    params: liveSessionParams,
    body: createPollBody,
    response: poll,
    status: 201,
    handler: ({ params, body }, ctx) => service.createPoll(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/polls/:pollId/responses`,
    access: 'public',
    summary: 'Answer a poll (the last answer counts)',
    tags,
    params: pollParams,
    body: pollResponseBody,
    response: poll,
    handler: ({ params, body }, ctx) => service.respondToPoll(ctx, params.id, params.pollId, body),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/polls/:pollId/close`,
    access: runners,
    summary: 'Close a poll',
    tags,
    params: pollParams,
    response: poll,
    handler: ({ params }, ctx) => service.closePoll(ctx, params.id, params.pollId),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/venues`,
    access: runners,
    summary: 'Add a sub-venue with its video link (remote sessions)',
    tags,
    params: liveSessionParams,
    body: venueBody,
    response: venue,
    status: 201,
    handler: ({ params, body }, ctx) => service.addVenue(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: `${base}/:id/venues/:venueId/sign-in`,
    access: 'public',
    summary: 'Sign in at a venue with the code shown there',
    tags,
    params: venueParams,
    body: venueSignInBody,
    response: venue,
    handler: ({ params, body }, ctx) => service.venueSignIn(ctx, params.id, params.venueId, body.code),
  });
}
