import type { z } from 'zod';
import type { accountWithRoles, Role, RoleGrant } from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

export type AccountWithRoles = z.infer<typeof accountWithRoles>;

export interface AccountFilters {
  q?: string;
  role?: Role;
}

export interface CreateAccount {
  username?: string;
  phone?: string;
  displayName: string;
  initialPassword: string;
  grants: { role: Role; nodeId: string }[];
}

/** The accounts module's calls. */
export const accountsApi = {
  list: (f: AccountFilters, cursor: string | null, limit: number) =>
    api.get<Page<AccountWithRoles>>('/accounts', { q: f.q, role: f.role, cursor, limit }),
  create: (body: CreateAccount) => api.post<AccountWithRoles>('/accounts', body),
  grant: (id: string, body: { role: Role; nodeId: string }) => api.post<RoleGrant>(`/accounts/${id}/roles`, body),
  revoke: (id: string, grantId: string) => api.del<{ ok: true }>(`/accounts/${id}/roles/${grantId}`),
};
