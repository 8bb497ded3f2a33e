import type { Topic } from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

export interface TopicFilters {
  roomId?: string;
  state?: string;
  category?: string;
  q?: string;
}

export interface TopicComment {
  id: string;
  topicId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface NewTopic {
  roomId: string;
  title: string;
  description: string;
  category: string;
  place?: string;
}

/** The topics module's calls. */
export const topicsApi = {
  list: (f: TopicFilters, cursor: string | null, limit: number) => api.get<Page<Topic>>('/topics', { ...f, cursor, limit }),
  get: (id: string) => api.get<Topic>(`/topics/${id}`),
  propose: (body: NewTopic) => api.post<Topic>('/topics', body),
  act: (id: string, action: string, body: Record<string, string>) => api.post<Topic>(`/topics/${id}/actions/${action}`, body),
  support: (id: string) => api.post<Topic>(`/topics/${id}/support`),
  unsupport: (id: string) => api.del<Topic>(`/topics/${id}/support`),
  comments: (id: string) => api.get<Page<TopicComment>>(`/topics/${id}/comments`, { limit: 100 }),
  comment: (id: string, body: string) => api.post<TopicComment>(`/topics/${id}/comments`, { body }),
};

export const topicCategories = ['publicAffairs', 'publicInterest', 'publicWelfare'] as const;
