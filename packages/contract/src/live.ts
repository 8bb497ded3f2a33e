import { z } from 'zod';
import { abilities, id, isoDateTime, text } from './common.ts';
import { participantCategory } from './deliberations.ts';

/*
 * Live deliberation (issue 6): a deliberation's live session, its statements and votes, the
 * opinion map, the speaker queue, polls and venues, and the events a WebSocket client receives.
 */

/** online: 网络议政, open for a set period; hybrid: the room and online together; remote: 远程协商 with venues. */
export const liveSessionKinds = ['online', 'hybrid', 'remote'] as const;
export const liveSessionKind = z.enum(liveSessionKinds);
export type LiveSessionKind = z.infer<typeof liveSessionKind>;

/** invited: the deliberation's participants; registered: any account; link: anyone with the link, pseudonymous. */
export const joinPolicies = ['invited', 'registered', 'link'] as const;
export const joinPolicy = z.enum(joinPolicies);
export type JoinPolicy = z.infer<typeof joinPolicy>;

/** pre: a participant's statement waits for staff; post: it is published at once and may be removed. */
export const moderationModes = ['pre', 'post'] as const;
export const moderationMode = z.enum(moderationModes);

export const liveSessionStates = ['open', 'closed'] as const;
export const liveSessionState = z.enum(liveSessionStates);

/** Pol.is's limit on a statement's length. */
export const STATEMENT_MAX = 140;

/** A video link for a venue: any provider, stored and shown, never hosted. */
export const videoUrl = z
  .string()
  .max(500, { message: 'at most 500 characters' })
  .regex(/^https:\/\/[^\s<>"']+$/, { message: 'an https:// link' });

export const venueBody = z.strictObject({ name: text(1, 60), videoUrl: videoUrl.optional() });

export const openLiveSessionBody = z.strictObject({
  deliberationId: id,
  kind: liveSessionKind,
  joinPolicy,
  moderation: moderationMode.default('post'),
  title: text(1, 120).optional(),
  /** Online sessions: when voting closes (required for `online`). */
  closesAt: isoDateTime.optional(),
  /** Remote sessions: the sub-venues (the room is the main venue). */
  venues: z.array(venueBody).max(20, { message: 'at most 20 venues' }).default([]),
});

export const updateLiveSessionBody = z
  .strictObject({
    title: text(1, 120).optional(),
    moderation: moderationMode.optional(),
    closesAt: isoDateTime.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const liveSessionParams = z.strictObject({ id });
export const liveSessionListQuery = z.strictObject({ deliberationId: id });

export const venue = z.object({
  id,
  sessionId: id,
  name: z.string(),
  main: z.boolean(),
  videoUrl: z.string().nullable(),
  /** Participants signed in at this venue. */
  present: z.number().int(),
  /** Shown at the venue to sign in there (staff only; null for others). */
  signInCode: z.string().nullable(),
});
export type Venue = z.infer<typeof venue>;

/** Actions by state: `{ waiting: ['giveFloor', 'withdraw'] }`; a state with none is left out. */
const actionsByState = z.record(z.string(), z.array(z.string()));
const itemActions = z.object({ own: actionsByState, others: actionsByState });
/** Replies (not events, which are the same for everyone) list the caller's next actions on an item. */
const itemNextActions = z.array(z.string()).optional();

export const liveSession = z.object({
  id,
  deliberationId: id,
  deliberationTitle: z.string(),
  kind: liveSessionKind,
  joinPolicy,
  moderation: moderationMode,
  state: liveSessionState,
  title: z.string(),
  closesAt: z.string().nullable(),
  /** The statement the convener has put before the room (the projector shows it; phones are offered it first). */
  currentStatementId: id.nullable(),
  venues: z.array(venue),
  /** The sequence number of the latest event: a client subscribes with it to receive only what follows. */
  lastSeq: z.number().int(),
  /** Where to join from a phone (the QR code carries it). */
  joinUrl: z.string(),
  createdAt: z.string(),
  /** The caller's participant in this session, when they have joined. */
  me: z.object({ participantId: id, pseudonym: z.string(), venueId: id.nullable() }).nullable(),
  abilities,
  /** The session lifecycle's actions the caller may take now (`close`). */
  nextActions: z.array(z.string()),
  /**
   * The actions the caller may take on hands, polls and statements, by the item's state, for items
   * that are their own (a hand they raised, a statement they wrote) and for others'. Items mostly
   * arrive in events, which are the same for everyone: a page shows an item's buttons from here.
   */
  itemActions: z.object({ hand: itemActions, poll: itemActions, statement: itemActions }),
});
export type LiveSession = z.infer<typeof liveSession>;

/** Joining: logged-in accounts join as themselves; with `link`, anyone gets a pseudonymous participant. */
export const joinLiveBody = z.strictObject({});
export const joinLiveReply = z.object({
  participantId: id,
  pseudonym: z.string(),
  /** For a pseudonymous participant: send as `x-live-token` (HTTP) or `?token=` (WebSocket); also set as a cookie. */
  token: z.string().nullable(),
});

export const statementStates = ['pending', 'published', 'rejected', 'withdrawn'] as const;
export const statementState = z.enum(statementStates);
export const statementText = text(1, STATEMENT_MAX);
export const statementBody = z.strictObject({ text: statementText });
/** Staff seed statements, e.g. from the research report. */
export const seedStatementsBody = z.strictObject({
  texts: z.array(statementText).min(1, { message: 'at least one statement' }).max(100, { message: 'at most 100 at once' }),
});
export const moderateStatementBody = z.strictObject({ decision: z.enum(['publish', 'reject', 'withdraw']) });
export const statementParams = z.strictObject({ id, statementId: id });

export const voteCounts = z.object({ agree: z.number().int(), disagree: z.number().int(), pass: z.number().int() });
export type VoteCounts = z.infer<typeof voteCounts>;

export const statement = z.object({
  id,
  sessionId: id,
  text: z.string(),
  state: statementState,
  origin: z.enum(['participant', 'seed']),
  /** True when the caller wrote it. */
  mine: z.boolean(),
  counts: voteCounts,
  /** Show-of-hands counts in the room, entered by staff (null when none). */
  hands: voteCounts.nullable(),
  createdAt: z.string(),
  nextActions: itemNextActions,
});
export type Statement = z.infer<typeof statement>;

export const liveVote = z.enum(['agree', 'disagree', 'pass']);
export type LiveVote = z.infer<typeof liveVote>;
export const voteBody = z.strictObject({ statementId: id, vote: liveVote });
export const voteReply = z.object({ statementId: id, vote: liveVote, counts: voteCounts, seq: z.number().int() });

/**
 * The next statement for the caller: the room's current one when they have not voted on it yet,
 * else by Pol.is's priority; null when they have voted on all.
 */
export const nextStatementReply = z.object({
  statement: statement.nullable(),
  remaining: z.number().int(),
  /** True when it is the statement the convener has put before the room. */
  current: z.boolean(),
});

/** The convener puts a published statement before the room, or none (`null`). */
export const currentStatementBody = z.strictObject({ statementId: id.nullable() });

export const handsBody = z.strictObject({
  agree: z.number().int().min(0).max(10000),
  disagree: z.number().int().min(0).max(10000),
  pass: z.number().int().min(0).max(10000),
});

/** The opinion map, as stored and broadcast. */
export const opinionMap = z.object({
  sessionId: id,
  /** The votes version the map was computed at. */
  version: z.number().int(),
  computedAt: z.string(),
  participants: z.number().int(),
  votes: z.number().int(),
  /** Participants as spots: those of one group at (nearly) one place are one spot, `n` of them. No ids. */
  spots: z.array(z.object({ x: z.number(), y: z.number(), group: z.number().int().nullable(), n: z.number().int().positive() })),
  /**
   * The caller's own place (GET, for a participant on the map). Over the WebSocket each map event
   * is followed by a `{ kind: 'me', version, place }` frame for a participant's connection.
   */
  me: z.object({ x: z.number(), y: z.number(), group: z.number().int().nullable() }).nullable().optional(),
  groups: z.array(
    z.object({
      group: z.number().int(),
      size: z.number().int(),
      center: z.tuple([z.number(), z.number()]),
      representative: z.array(
        z.object({ statementId: z.string(), direction: z.enum(['agree', 'disagree']), pSuccess: z.number(), score: z.number() }),
      ),
    }),
  ),
  consensus: z.array(
    z.object({
      statementId: z.string(),
      direction: z.enum(['agree', 'disagree']),
      pSuccess: z.number(),
      /** Agree / disagree / pass per group. */
      byGroup: z.array(z.object({ group: z.number().int(), agree: z.number().int(), disagree: z.number().int(), pass: z.number().int() })),
    }),
  ),
});
export type OpinionMap = z.infer<typeof opinionMap>;

/** Speaker queue: a raised hand, online by the participant or by staff for someone in the room or a venue. */
export const raiseHandBody = z.strictObject({
  /** Staff: the deliberation participant who raised a hand in the room. */
  participantId: id.optional(),
  /** Staff: a name for someone without a participant record. */
  name: text(1, 40).optional(),
  venueId: id.optional(),
});
export const handParams = z.strictObject({ id, handId: id });
/** The queue as everyone sees it (`public`: names masked even for staff, e.g. on the room's screen). */
export const liveHandsQuery = z.strictObject({ view: z.enum(['public']).optional() });
export const giveFloorBody = z.strictObject({ seconds: z.number().int().min(30).max(1800).default(180) });
export const finishSpeechBody = z.strictObject({
  summary: text(1, 5000),
  /** The deliberation participant who spoke, when the hand was not linked to one. */
  participantId: id.optional(),
});
export const handStates = ['waiting', 'speaking', 'done', 'withdrawn'] as const;
export const hand = z.object({
  id,
  sessionId: id,
  name: z.string(),
  participantId: id.nullable(),
  venueId: id.nullable(),
  venueName: z.string().nullable(),
  category: participantCategory.nullable(),
  state: z.enum(handStates),
  raisedAt: z.string(),
  floorAt: z.string().nullable(),
  seconds: z.number().int().nullable(),
  /** The speech logged to the meeting record when the speaker finished. */
  speechId: id.nullable(),
  /** True when the caller raised it (events carry false; a client keeps what its own replies said). */
  mine: z.boolean(),
  nextActions: itemNextActions,
});
export type Hand = z.infer<typeof hand>;

export const pollStates = ['open', 'closed'] as const;
export const pollKinds = ['single', 'multiple', 'score', 'consent'] as const;
export const pollKind = z.enum(pollKinds);
/** Loomio's consent positions. */
export const consentPositions = ['agree', 'abstain', 'disagree', 'block'] as const;
export const createPollBody = z.strictObject({
  question: text(1, 200),
  kind: pollKind,
  /** Single and multiple choice: 2–10 options. */
  options: z.array(text(1, 100)).max(10, { message: 'at most 10 options' }).default([]),
  /** live: everyone sees results as they come; hidden: results appear when the poll closes. */
  results: z.enum(['live', 'hidden']).default('live'),
});
export const pollParams = z.strictObject({ id, pollId: id });
export const pollResponseBody = z.strictObject({
  /** single: one index; multiple: one or more indexes. */
  choices: z.array(z.number().int().min(0).max(9)).max(10).optional(),
  score: z.number().int().min(1).max(5).optional(),
  consent: z.enum(consentPositions).optional(),
});
/** A poll answer as given: the choices, the score or the consent position. */
export const pollAnswer = z.object({
  choices: z.array(z.number().int()).optional(),
  score: z.number().int().optional(),
  consent: z.enum(consentPositions).optional(),
});
export const poll = z.object({
  id,
  sessionId: id,
  question: z.string(),
  kind: pollKind,
  options: z.array(z.string()),
  results: z.enum(['live', 'hidden']),
  state: z.enum(pollStates),
  /** Counts per option (single, multiple), per score 1–5, or per consent position; null while hidden. */
  tally: z.record(z.string(), z.number().int()).nullable(),
  responses: z.number().int(),
  /** The caller's own answer (null when they have not answered; events carry null). */
  mine: pollAnswer.nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  nextActions: itemNextActions,
});
export type Poll = z.infer<typeof poll>;

export const venueParams = z.strictObject({ id, venueId: id });
export const venueSignInBody = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, { message: 'not a valid sign-in code' }),
});

/** Promoting a consensus statement into the recommendations list. */
export const promoteBody = z.strictObject({ rationale: text(0, 5000).optional() });
export const promoteReply = z.object({
  recommendationId: id,
  statementId: id,
  seq: z.number().int(),
  support: z.object({
    counts: voteCounts,
    byGroup: z.array(z.object({ group: z.number().int(), agree: z.number().int(), disagree: z.number().int(), pass: z.number().int() })),
  }),
});

/**
 * The live module's refusals: every 4xx it answers carries, in `error.details`, one entry
 * `{ field?, message, code, params? }` with one of these codes (and the values the sentence
 * needs), so that the web says it in the reader's language without reading the English message.
 */
export const liveRefusalCodes = [
  'loginFirst',
  'joinFirst',
  'invitedOnly',
  'runnersOnly',
  'moderatorsOnly',
  'handOwnerOnly',
  'sessionClosed',
  'sessionClosedAt',
  'alreadyOpen',
  'deliberationState',
  'noSuchDeliberation',
  'closesAtRequired',
  'closesAtPast',
  'venueRequired',
  'venuesRemoteOnly',
  'statementEmpty',
  'statementDuplicate',
  'seedDuplicate',
  'moderationMove',
  'noSuchStatement',
  'statementPending',
  'statementGone',
  'statementNotPublished',
  'notConsensus',
  'alreadyPromoted',
  'promoteDeliberationState',
  'notAParticipant',
  'nameRequired',
  'noSuchVenue',
  'handRaised',
  'handState',
  'someoneSpeaking',
  'optionsCount',
  'optionsNotUsed',
  'optionTwice',
  'pollClosed',
  'answerNotUsed',
  'answerRequired',
  'chooseOption',
  'chooseOne',
  'optionChosenTwice',
  'optionRange',
  'venueCode',
  'rateLimited',
] as const;
export type LiveRefusalCode = (typeof liveRefusalCodes)[number];
/** One entry of a live refusal's details. */
export interface LiveRefusal {
  field?: string;
  message: string;
  code: LiveRefusalCode;
  params?: Record<string, string | number>;
}

/** Query of the WebSocket channel `GET /api/v1/live/sessions/:id/ws`. */
export const liveSocketQuery = z.strictObject({
  /** Resume point: the last sequence number received; events after it are replayed. */
  after: z.coerce.number().int().min(0).max(100_000_000).optional(),
  token: z.string().max(200).optional(),
});
export const liveEventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(100_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const liveEventTypes = [
  'session.updated',
  'statement.created',
  'statement.updated',
  'statement.pending',
  'statement.current',
  'vote.counts',
  'hands.counts',
  'map.updated',
  'speaker.queue',
  'poll.opened',
  'poll.results',
  'poll.closed',
  'venue.presence',
] as const;
export const liveEventType = z.enum(liveEventTypes);
export type LiveEventType = z.infer<typeof liveEventType>;

/**
 * One event of a session, as the WebSocket sends it (one JSON text frame each). `seq` increases by
 * one per event of the session, with no gaps: a client keeps the last one as its resume point.
 * Data by type: statement.created / .updated / .pending → Statement (without `mine`; `.pending`, a
 * statement waiting for moderation, goes to the convener and staff only), statement.current →
 * { statementId, statement } (null: none), vote.counts / hands.counts →
 * { statementId, counts }, map.updated → OpinionMap, speaker.queue → { hands: Hand[] },
 * poll.* → Poll (without `mine`), venue.presence → { venues: Venue[] }, session.updated → { state, title, closesAt, moderation }.
 * speaker.queue shows people other than the convener and staff masked names (张*三; pseudonyms as they are).
 */
export const liveEvent = z.object({ seq: z.number().int(), type: liveEventType, at: z.string(), data: z.unknown() });
export type LiveEvent = z.infer<typeof liveEvent>;
export const liveEventsReply = z.object({ items: z.array(liveEvent), lastSeq: z.number().int() });

/**
 * Why the server closes a live socket it had let in (the `code` of its last `error` frame): the
 * user's login session ended (logout, expiry), their account was disabled, or they may no longer
 * follow the session (an invitation withdrawn or declined, a pseudonymous participant removed).
 * Refusals at connect carry the API's error codes (`unauthenticated`, `forbidden`, …); a client
 * too slow to keep up gets `too_slow` and resumes from its last sequence number.
 */
export const liveSocketRevocations = ['session_ended', 'account_disabled', 'access_revoked'] as const;
export type LiveSocketRevocation = (typeof liveSocketRevocations)[number];

/**
 * Frames the server sends besides events (which come in arrays): `{ kind: 'ready', lastSeq }` once
 * caught up; `{ kind: 'me', version, place }` after a map, to a participant; `{ kind: 'error', code, message }`
 * before it closes the socket.
 */
export const liveControlFrame = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), lastSeq: z.number().int() }),
  z.object({
    kind: z.literal('me'),
    version: z.number().int(),
    place: z.object({ x: z.number(), y: z.number(), group: z.number().int().nullable() }).nullable(),
  }),
  z.object({ kind: z.literal('error'), code: z.string(), message: z.string() }),
]);
