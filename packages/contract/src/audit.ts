import { z } from 'zod';
import { id, isoDateTime, pageFields, text } from './common.ts';

export const auditEntry = z.object({
  id,
  at: z.string(),
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = z.strictObject({
  entity: text(0, 64).optional(),
  entityId: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]*$/, { message: 'not a valid id' })
    .optional(),
  actorId: id.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  ...pageFields,
});
