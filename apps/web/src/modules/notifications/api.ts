import type { Notification } from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

/** The inbox's calls. */
export const notificationsApi = {
  list: (f: { unreadOnly?: 'true' }, cursor: string | null, limit: number) =>
    api.get<Page<Notification> & { unread: number }>('/notifications', { ...f, cursor, limit }),
  read: (id: string) => api.post<unknown>(`/notifications/${id}/read`),
  readAll: () => api.post<unknown>('/notifications/read-all'),
};
