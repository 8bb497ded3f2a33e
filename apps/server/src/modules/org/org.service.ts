import { allowedChildren, type NodeKind, type OrgNode } from '@shangliang/contract';
import type { z } from 'zod';
import type { createNodeBody, nodeListQuery, updateNodeBody } from '@shangliang/contract';
import { audit } from '../../platform/audit/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { OrgNodeRow } from '../../platform/db/schema.ts';
import * as store from './org.store.ts';
import { canManage, nodeAbilities } from './org.policy.ts';

/** A stored node as the API shows it. */
export function toOrgNode(r: OrgNodeRow): OrgNode {
  return {
    id: r.id,
    kind: r.kind as NodeKind,
    subkind: (r.subkind as OrgNode['subkind']) ?? null,
    name: r.name,
    parentId: r.parent_id,
    description: r.description,
    address: r.address,
    archived: r.archived_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Sub-kinds each kind may carry; a kind not listed carries none. */
const subkinds: Partial<Record<NodeKind, readonly string[]>> = {
  body: ['city', 'county'],
  town: ['town', 'street', 'park'],
  participatingUnit: ['party', 'federation', 'organisation'],
};

/** A node with its parents, children and the actor's abilities. */
export async function getNodeDetail(ctx: AuthedContext, id: string) {
  const node = await store.findNode(ctx.db, id);
  if (!node) throw notFound('node');
  const [ancestors, children] = await Promise.all([store.findAncestors(ctx.db, node), store.findChildren(ctx.db, node.id)]);
  return {
    ...toOrgNode(node),
    ancestors: ancestors.map(toOrgNode),
    children: children.map(toOrgNode),
    abilities: nodeAbilities(ctx.actor, node),
  };
}

/** A page of nodes matching a filter. */
export async function listNodes(ctx: AuthedContext, q: z.output<typeof nodeListQuery>) {
  const { rows, total } = await store.listNodes(
    ctx.db,
    { parentId: q.parentId, kind: q.kind, q: q.q || undefined, includeArchived: q.includeArchived === 'true' },
    decodeCursor(q.cursor),
    q.limit,
  );
  const p = pageOf(rows, q.limit, (r) => [r.name, r.id]);
  return { items: p.items.map(toOrgNode), nextCursor: p.nextCursor, total };
}

/** Creates a node under a parent the actor manages, of a kind the parent may hold. */
export async function createNode(ctx: AuthedContext, body: z.output<typeof createNodeBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await store.findNode(trx, body.parentId);
    if (!parent) throw invalid('body.parentId', 'no such node');
    if (!canManage(ctx.actor, parent)) throw forbidden('you do not manage this part of the organisation');
    if (parent.archived_at) throw conflict('the parent is archived');
    if (!allowedChildren[parent.kind as NodeKind].includes(body.kind)) {
      throw invalid('body.kind', `a ${parent.kind} cannot hold a ${body.kind}`);
    }
    const allowedSub = subkinds[body.kind];
    if (allowedSub && !body.subkind) throw invalid('body.subkind', `required for a ${body.kind}`);
    if (body.subkind && !allowedSub?.includes(body.subkind)) {
      throw invalid('body.subkind', `a ${body.kind} cannot be ${body.subkind}`);
    }
    if (body.kind === 'body' && (parent.subkind !== 'city' || body.subkind !== 'county')) {
      throw invalid('body.subkind', 'only a city body holds county bodies');
    }
    const id = newId();
    const t = nowIso();
    const row: OrgNodeRow = {
      id,
      kind: body.kind,
      subkind: body.subkind ?? null,
      name: body.name,
      parent_id: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      description: body.description || null,
      address: body.address || null,
      archived_at: null,
      created_at: t,
      updated_at: t,
    };
    await store.insertNode(trx, row);
    await audit(trx, ctx, { entity: 'org_node', entityId: id, action: 'create', after: toOrgNode(row) });
    return { ...toOrgNode(row), ancestors: [], children: [], abilities: nodeAbilities(ctx.actor, row) };
  });
}

/** Edits a node's name, description or address. */
export async function updateNode(ctx: AuthedContext, id: string, body: z.output<typeof updateNodeBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const node = await store.findNode(trx, id);
    if (!node) throw notFound('node');
    if (!canManage(ctx.actor, node)) throw forbidden('you do not manage this part of the organisation');
    if (node.archived_at) throw conflict('an archived node cannot be edited');
    const values: Partial<OrgNodeRow> = { updated_at: nowIso() };
    if (body.name !== undefined) values.name = body.name;
    if (body.description !== undefined) values.description = body.description || null;
    if (body.address !== undefined) values.address = body.address || null;
    await store.updateNode(trx, id, values);
    const after = { ...node, ...values };
    await audit(trx, ctx, { entity: 'org_node', entityId: id, action: 'update', before: toOrgNode(node), after: toOrgNode(after) });
    return toOrgNode(after);
  });
}

/** Archives a node that has no live children; it stays readable, and can hold nothing new. */
export async function archiveNode(ctx: AuthedContext, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const node = await store.findNode(trx, id);
    if (!node) throw notFound('node');
    if (!canManage(ctx.actor, node)) throw forbidden('you do not manage this part of the organisation');
    if (node.parent_id === null) throw new AppError(409, 'precondition_failed', 'the root body cannot be archived');
    if (node.archived_at) throw conflict('already archived');
    const children = await store.findChildren(trx, id);
    if (children.length) {
      throw new AppError(409, 'precondition_failed', `archive its ${children.length} child nodes first`, {
        children: children.map((c) => c.name),
      });
    }
    const t = nowIso();
    await store.updateNode(trx, id, { archived_at: t, updated_at: t });
    await audit(trx, ctx, { entity: 'org_node', entityId: id, action: 'archive', before: toOrgNode(node) });
    return toOrgNode({ ...node, archived_at: t, updated_at: t });
  });
}

/** Counts under a node, for home pages: towns, rooms, departments, members. */
export async function nodeSummary(ctx: AuthedContext, id: string) {
  const node = await store.findNode(ctx.db, id);
  if (!node) throw notFound('node');
  const [byKind, members] = await Promise.all([
    store.countDescendantsByKind(ctx.db, node.path),
    store.countMembersUnder(ctx.db, node.path),
  ]);
  return { nodeId: id, byKind, members };
}
