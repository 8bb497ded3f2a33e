import type { Member } from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

export interface MemberFilters {
  q?: string;
  bodyId?: string;
  sectorId?: string;
}

/** The members module's calls. */
export const membersApi = {
  list: (f: MemberFilters, cursor: string | null, limit: number) =>
    api.get<Page<Member>>('/members', { q: f.q, bodyId: f.bodyId, sectorId: f.sectorId, cursor, limit }),
  get: (id: string) => api.get<Member>(`/members/${id}`),
};
