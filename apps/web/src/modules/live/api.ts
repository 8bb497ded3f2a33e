import type { Hand, LiveSession, LiveVote, OpinionMap, Poll, Statement, Venue, VoteCounts } from '@shangliang/contract';
import { api, apiUrl, ApiError, type Page } from '../../platform/api/client.ts';

export type { Hand, LiveSession, LiveVote, OpinionMap, Poll, Statement, Venue, VoteCounts };
/** A participant's own place on the opinion map. */
export type MapPlace = NonNullable<OpinionMap['me']>;

export interface OpenSessionBody {
  deliberationId: string;
  kind: LiveSession['kind'];
  joinPolicy: LiveSession['joinPolicy'];
  moderation: LiveSession['moderation'];
  title?: string;
  closesAt?: string;
  venues?: { name: string; videoUrl?: string }[];
}

export interface PollAnswer {
  choices?: number[];
  score?: number;
  consent?: 'agree' | 'abstain' | 'disagree' | 'block';
}

export interface PromoteReply {
  recommendationId: string;
  statementId: string;
  seq: number;
  support: { counts: VoteCounts; byGroup: { group: number; agree: number; disagree: number; pass: number }[] };
}

const s = (id: string) => `/live/sessions/${id}`;

/** The live module's calls (server module `live`, routes under /api/v1/live/sessions). */
export const liveApi = {
  list: (deliberationId: string) => api.get<Page<LiveSession>>('/live/sessions', { deliberationId }),
  open: (body: OpenSessionBody) => api.post<LiveSession>('/live/sessions', body),
  get: (id: string) => api.get<LiveSession>(s(id)),
  update: (id: string, body: { title?: string; moderation?: 'pre' | 'post'; closesAt?: string }) => api.patch<LiveSession>(s(id), body),
  close: (id: string) => api.post<LiveSession>(`${s(id)}/close`),
  join: (id: string) => api.post<{ participantId: string; pseudonym: string; token: string | null }>(`${s(id)}/join`),
  statements: (id: string) => api.get<Page<Statement>>(`${s(id)}/statements`),
  write: (id: string, text: string) => api.post<Statement>(`${s(id)}/statements`, { text }),
  seed: (id: string, texts: string[]) => api.post<Page<Statement>>(`${s(id)}/statements/seed`, { texts }),
  moderate: (id: string, statementId: string, decision: 'publish' | 'reject' | 'withdraw') =>
    api.post<Statement>(`${s(id)}/statements/${statementId}/moderate`, { decision }),
  hands: (id: string, statementId: string, counts: VoteCounts) => api.post<Statement>(`${s(id)}/statements/${statementId}/hands`, counts),
  promote: (id: string, statementId: string, rationale?: string) =>
    api.post<PromoteReply>(`${s(id)}/statements/${statementId}/promote`, rationale ? { rationale } : {}),
  next: (id: string) => api.get<{ statement: Statement | null; remaining: number; current: boolean }>(`${s(id)}/next`),
  vote: (id: string, statementId: string, vote: LiveVote) =>
    api.post<{ statementId: string; vote: LiveVote; counts: VoteCounts; seq: number }>(`${s(id)}/votes`, { statementId, vote }),
  /** The latest opinion map, or null before the first computation (the server answers 404). */
  map: (id: string) =>
    api.get<OpinionMap>(`${s(id)}/map`).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  /** The speaker queue; `publicView`: names masked as everyone sees them (the room's screen). */
  queue: (id: string, publicView = false) => api.get<Page<Hand>>(`${s(id)}/hands`, publicView ? { view: 'public' } : undefined),
  /** Puts a published statement before the room, or none. */
  setCurrent: (id: string, statementId: string | null) => api.post<LiveSession>(`${s(id)}/current`, { statementId }),
  raiseHand: (id: string, body: { participantId?: string; name?: string; venueId?: string } = {}) => api.post<Hand>(`${s(id)}/hands`, body),
  giveFloor: (id: string, handId: string, seconds: number) => api.post<Hand>(`${s(id)}/hands/${handId}/floor`, { seconds }),
  finish: (id: string, handId: string, body: { summary: string; participantId?: string }) =>
    api.post<Hand>(`${s(id)}/hands/${handId}/finish`, body),
  withdrawHand: (id: string, handId: string) => api.post<Hand>(`${s(id)}/hands/${handId}/withdraw`),
  polls: (id: string) => api.get<Page<Poll>>(`${s(id)}/polls`),
  openPoll: (id: string, body: { question: string; kind: Poll['kind']; options: string[]; results: 'live' | 'hidden' }) =>
    api.post<Poll>(`${s(id)}/polls`, body),
  answer: (id: string, pollId: string, body: PollAnswer) => api.post<Poll>(`${s(id)}/polls/${pollId}/responses`, body),
  closePoll: (id: string, pollId: string) => api.post<Poll>(`${s(id)}/polls/${pollId}/close`),
  addVenue: (id: string, body: { name: string; videoUrl?: string }) => api.post<Venue>(`${s(id)}/venues`, body),
  venueSignIn: (id: string, venueId: string, code: string) => api.post<Venue>(`${s(id)}/venues/${venueId}/sign-in`, { code }),
  /** The WebSocket URL of the session's events after a resume point. */
  socketUrl: (id: string, after: number) => {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${window.location.host}${apiUrl(`${s(id)}/ws`, { after })}`;
  },
};
