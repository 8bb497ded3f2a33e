import type {
  Deliberation,
  Lottery,
  LotterySuggestion,
  ParticipantCategory,
  PublicLottery,
  PublishedLottery,
  Quota,
  SignUp,
  SignUpFormBody,
  Volunteer,
} from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

export interface Participant {
  id: string;
  deliberationId: string;
  category: ParticipantCategory;
  name: string;
  accountId: string | null;
  departmentId: string | null;
  answer: 'pending' | 'accepted' | 'declined';
  invitedAt: string;
  answeredAt: string | null;
  remindedAt: string | null;
  signedInAt: string | null;
  source: 'invited' | 'lottery' | 'replacement';
  volunteerId: string | null;
}

export interface ResearchTask {
  id: string;
  title: string;
  assigneeId: string | null;
  dueDate: string;
  findings: string | null;
  doneAt: string | null;
}

export interface Speech {
  id: string;
  participantId: string;
  speakerName: string;
  category: ParticipantCategory;
  summary: string;
  interaction: boolean;
  /** The venue the speaker spoke from (remote and hybrid meetings). */
  venue: string | null;
  at: string;
}

export interface Recommendation {
  id: string;
  seq: number;
  text: string;
  rationale: string | null;
  agree: number;
  disagree: number;
  abstain: number;
  speechIds: string[];
}

export interface DeliberationFilters {
  roomId?: string;
  state?: string;
}

const d = (id: string) => `/deliberations/${id}`;

/** The deliberations module's calls. */
export const deliberationsApi = {
  list: (f: DeliberationFilters, cursor: string | null, limit: number) =>
    api.get<Page<Deliberation>>('/deliberations', { ...f, cursor, limit }),
  get: (id: string) => api.get<Deliberation>(d(id)),
  create: (topicId: string) => api.post<Deliberation>('/deliberations', { topicId }),
  update: (id: string, body: Record<string, unknown>) => api.patch<Deliberation>(d(id), body),
  act: (id: string, action: string, body: Record<string, string>) => api.post<Deliberation>(`${d(id)}/actions/${action}`, body),
  participants: (id: string) => api.get<Page<Participant>>(`${d(id)}/participants`),
  invite: (id: string, body: object) => api.post<Participant>(`${d(id)}/participants`, body),
  answer: (id: string, pid: string, answer: 'accepted' | 'declined') =>
    api.post<Participant>(`${d(id)}/participants/${pid}/answer`, { answer }),
  signInByHand: (id: string, pid: string) => api.post<Participant>(`${d(id)}/participants/${pid}/sign-in`),
  remind: (id: string, pid: string) => api.post<Participant>(`${d(id)}/participants/${pid}/remind`),
  signInQrUrl: (id: string) => `/api/v1${d(id)}/sign-in-qr?format=png`,
  signIn: (id: string, code: string) => api.post<Participant>(`${d(id)}/sign-in`, { code }),
  tasks: (id: string) => api.get<Page<ResearchTask>>(`${d(id)}/research-tasks`),
  addTask: (id: string, body: object) => api.post<ResearchTask>(`${d(id)}/research-tasks`, body),
  findings: (id: string, taskId: string, findings: string) =>
    api.post<ResearchTask>(`${d(id)}/research-tasks/${taskId}/findings`, { findings }),
  speeches: (id: string) => api.get<Page<Speech>>(`${d(id)}/speeches`),
  speak: (id: string, body: object) => api.post<Speech>(`${d(id)}/speeches`, body),
  recommendations: (id: string) => api.get<Page<Recommendation>>(`${d(id)}/recommendations`),
  recommend: (id: string, body: object) => api.post<Recommendation>(`${d(id)}/recommendations`, body),
  assign: (id: string, recId: string, body: object) => api.post<unknown>(`${d(id)}/recommendations/${recId}/responsibilities`, body),
  rate: (id: string, body: object) => api.post<unknown>(`${d(id)}/ratings`, body),
  listsXlsxUrl: (id: string) => `/api/v1${d(id)}/lists.xlsx`,
  listsPrintUrl: (id: string) => `/api/v1${d(id)}/lists/print`,
};

/** The participants' lottery (issue 5): sign-up, quotas, the draw, publication, replacements. */
export const lotteryApi = {
  publicForRoom: (roomId: string) => api.get<{ items: PublicLottery[] }>(`/public/rooms/${roomId}/lotteries`),
  publicOne: (id: string) => api.get<PublicLottery>(`/public${d(id)}/lottery`),
  volunteer: (id: string, body: { category: string; features: Record<string, string> }) => api.post<Volunteer>(`${d(id)}/volunteers`, body),
  volunteers: (id: string) => api.get<Page<Volunteer>>(`${d(id)}/volunteers`),
  suggestion: (id: string) => api.get<LotterySuggestion>(`${d(id)}/lottery/suggestion`),
  get: (id: string) => api.get<Lottery>(`${d(id)}/lottery`),
  run: (id: string, body: { size: number; seed: string; quotas: Quota[] }) => api.post<Lottery>(`${d(id)}/lottery`, body),
  publish: (id: string) => api.post<Lottery>(`${d(id)}/lottery/publish`),
  replace: (id: string, participantId: string) => api.post<Lottery>(`${d(id)}/lottery/replace`, { participantId }),
  signUp: (id: string) => api.get<SignUp>(`${d(id)}/sign-up`),
  setSignUpForm: (id: string, body: SignUpFormBody) => api.put<SignUp>(`${d(id)}/sign-up`, body),
  switchSignUp: (id: string, open: boolean) => api.post<SignUp>(`${d(id)}/sign-up/${open ? 'open' : 'close'}`),
  published: (id: string) => api.get<PublishedLottery>(`/public${d(id)}/lottery/result`),
  poolCsvUrl: (id: string) => `/api/v1/public${d(id)}/lottery/pool.csv`,
  quotasCsvUrl: (id: string) => `/api/v1/public${d(id)}/lottery/quotas.csv`,
};

/** The public page of a published lottery (no login). */
export const publishedLotteryPath = (id: string) => `/lottery/${id}`;

export const participantCategoryList: ParticipantCategory[] = [
  'member',
  'representative',
  'resident',
  'stakeholder',
  'department',
  'expert',
  'localWorthy',
];
