import type { FastifyInstance } from 'fastify';
import {
  page,
  pageQuery,
  proposeTopicBody,
  topic,
  topicActionParams,
  topicComment,
  topicCommentBody,
  topicListQuery,
  topicParams,
  topicTransitionBody,
} from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import * as service from './topics.service.ts';

const tags = ['topics'];

/** Routes of topics: propose, list, screen, approve, support, comment. */
export function registerTopicRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'POST',
    url: '/api/v1/topics',
    access: 'authenticated',
    summary: 'Propose a topic for a room',
    tags,
    body: proposeTopicBody,
    response: topic,
    status: 201,
    handler: ({ body }, ctx) => service.proposeTopic(ctx, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/topics',
    access: 'authenticated',
    summary: 'List topics (by room, state, category, text), newest first',
    tags,
    query: topicListQuery,
    response: page(topic),
    handler: ({ query }, ctx) => service.listTopics(ctx, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/topics/:id',
    access: 'authenticated',
    summary: 'One topic with the actions you may take',
    tags,
    params: topicParams,
    response: topic,
    handler: ({ params }, ctx) => service.getTopic(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/topics/:id/actions/:action',
    access: 'authenticated',
    summary: 'Take a lifecycle action: accept, decline, merge, submitForApproval, approve, returnForRevision, select, withdraw',
    tags,
    params: topicActionParams,
    body: topicTransitionBody,
    response: topic,
    handler: ({ params, body }, ctx) => service.transitionTopic(ctx, params.id, params.action, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/topics/:id/support',
    access: 'authenticated',
    summary: 'Support a topic',
    tags,
    params: topicParams,
    response: topic,
    handler: ({ params }, ctx) => service.setSupport(ctx, params.id, true),
  });
  route(app, {
    method: 'DELETE',
    url: '/api/v1/topics/:id/support',
    access: 'authenticated',
    summary: 'Withdraw your support',
    tags,
    params: topicParams,
    response: topic,
    handler: ({ params }, ctx) => service.setSupport(ctx, params.id, false),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/topics/:id/comments',
    access: 'authenticated',
    summary: 'Comment on a topic',
    tags,
    params: topicParams,
    body: topicCommentBody,
    response: topicComment,
    status: 201,
    handler: ({ params, body }, ctx) => service.commentOn(ctx, params.id, body.body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/topics/:id/comments',
    access: 'authenticated',
    summary: "A topic's comments, oldest first",
    tags,
    params: topicParams,
    query: pageQuery,
    response: page(topicComment),
    handler: ({ params, query }, ctx) => service.listComments(ctx, params.id, query.cursor, query.limit),
  });
}
