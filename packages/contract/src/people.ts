import { z } from 'zod';
import { id, pageFields, text } from './common.ts';

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
  ...pageFields,
});
