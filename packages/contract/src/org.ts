import { z } from 'zod';
import { abilities, id, pageFields, text } from './common.ts';

/** Kinds of node in the org tree (GLOSSARY: bodies and places). */
export const nodeKinds = [
  'body',
  'town',
  'workCommittee',
  'dutyGroup',
  'specialCommittee',
  'sector',
  'participatingUnit',
  'room',
  'memberStudio',
  'contactPoint',
  'department',
] as const;
export const nodeKind = z.enum(nodeKinds);
export type NodeKind = z.infer<typeof nodeKind>;

/** Sub-kinds: a body's level, a town's kind, a participating unit's kind. */
export const nodeSubkinds = ['city', 'county', 'town', 'street', 'park', 'party', 'federation', 'organisation'] as const;
export const nodeSubkind = z.enum(nodeSubkinds);

/** Which kinds may sit under which: the tree's shape, enforced by the service. */
export const allowedChildren: Record<NodeKind, readonly NodeKind[]> = {
  body: ['body', 'town', 'specialCommittee', 'sector', 'participatingUnit', 'department'],
  town: ['workCommittee', 'dutyGroup', 'room'],
  workCommittee: [],
  dutyGroup: [],
  specialCommittee: [],
  sector: [],
  participatingUnit: [],
  room: ['memberStudio', 'contactPoint'],
  memberStudio: [],
  contactPoint: [],
  department: [],
};

export const orgNode = z.object({
  id,
  kind: nodeKind,
  subkind: nodeSubkind.nullable(),
  name: z.string(),
  parentId: id.nullable(),
  description: z.string().nullable(),
  address: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgNode = z.infer<typeof orgNode>;

export const orgNodeDetail = orgNode.extend({
  ancestors: z.array(orgNode),
  children: z.array(orgNode),
  abilities,
});

export const nodeParams = z.strictObject({ id });

export const nodeListQuery = z.strictObject({
  parentId: id.optional(),
  kind: nodeKind.optional(),
  q: text(0, 64).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  ...pageFields,
});

export const createNodeBody = z.strictObject({
  parentId: id,
  kind: nodeKind,
  subkind: nodeSubkind.optional(),
  name: text(1, 64),
  description: text(0, 2000).optional(),
  address: text(0, 200).optional(),
});

export const updateNodeBody = z
  .strictObject({
    name: text(1, 64).optional(),
    description: text(0, 2000).nullable().optional(),
    address: text(0, 200).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
