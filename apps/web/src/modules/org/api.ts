import type { z } from 'zod';
import type { OrgNode, orgNodeDetail } from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

/** A node with its parents (root first), children and the actor's abilities. */
export type OrgNodeDetail = z.infer<typeof orgNodeDetail>;
export interface NodeSummary {
  nodeId: string;
  byKind: Record<string, number>;
  members: number;
}

/** The org module's calls. */
export const orgApi = {
  node: (id: string) => api.get<OrgNodeDetail>(`/org/nodes/${id}`),
  summary: (id: string) => api.get<NodeSummary>(`/org/nodes/${id}/summary`),
  list: (q: { parentId?: string; kind?: string; q?: string; cursor?: string | null; limit?: number }) =>
    api.get<Page<OrgNode>>('/org/nodes', q),
  create: (body: { parentId: string; kind: string; subkind?: string; name: string; description?: string; address?: string }) =>
    api.post<OrgNodeDetail>('/org/nodes', body),
  update: (id: string, body: { name?: string; description?: string | null; address?: string | null }) =>
    api.patch<OrgNode>(`/org/nodes/${id}`, body),
  archive: (id: string) => api.post<OrgNode>(`/org/nodes/${id}/archive`),
};
