import type { Responsibility } from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

export interface ResponsibilityFilters {
  departmentId?: string;
  deliberationId?: string;
  state?: string;
  overdue?: 'true';
}

/** The responsibilities module's calls. */
export const responsibilitiesApi = {
  list: (f: ResponsibilityFilters, cursor: string | null, limit: number) =>
    api.get<Page<Responsibility>>('/responsibilities', { ...f, cursor, limit }),
  /** There is no GET /responsibilities/:id: the one is found among those in scope. */
  get: async (id: string): Promise<Responsibility | null> => {
    let cursor: string | null = null;
    do {
      const p: Page<Responsibility> = await api.get<Page<Responsibility>>('/responsibilities', { cursor, limit: 100 });
      const found = p.items.find((r) => r.id === id);
      if (found) return found;
      cursor = p.nextCursor;
    } while (cursor);
    return null;
  },
  act: (id: string, action: string, body: Record<string, string>) =>
    api.post<Responsibility>(`/responsibilities/${id}/actions/${action}`, body),
  progress: (id: string, body: { note: string; evidence?: string }) => api.post<unknown>(`/responsibilities/${id}/progress`, body),
  exportUrl: '/api/v1/responsibilities/export',
};
