import { z } from 'zod';
import { id, text } from './common.ts';

export const member = z.object({
  id,
  bodyId: id,
  bodyName: z.string(),
  name: z.string(),
  gender: z.enum(['female', 'male']),
  birthYear: z.number().int().nullable(),
  sectorId: id.nullable(),
  sectorName: z.string().nullable(),
  townId: id.nullable(),
  townName: z.string().nullable(),
  standing: z.boolean(),
  expertise: z.string().nullable(),
  accountId: id.nullable(),
});
export type Member = z.infer<typeof member>;

export const memberListQuery = z.strictObject({
  bodyId: id.optional(),
  sectorId: id.optional(),
  q: text(0, 64).optional(),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]*$/, { message: 'not a valid cursor' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
