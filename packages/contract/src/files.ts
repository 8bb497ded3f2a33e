import { z } from 'zod';
import { id, isoDateTime } from './common.ts';

/**
 * The kinds of file the platform accepts. Each is recognised by its extension AND its first
 * bytes; the stored content type comes from the kind, never from what the client said.
 */
export const fileKinds = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpeg', 'png', 'gif', 'webp'] as const;
export type FileKind = (typeof fileKinds)[number];

/** A body's limits on uploads. */
export const fileLimits = z.object({
  maxBytes: z
    .number()
    .int()
    .min(1)
    .max(500 * 1024 * 1024),
  kinds: z.array(z.enum(fileKinds)).min(1),
});
export type FileLimits = z.infer<typeof fileLimits>;

/** 20 MB; PDF, Word, Excel and the common image formats. */
export const defaultFileLimits: FileLimits = {
  maxBytes: 20 * 1024 * 1024,
  kinds: [...fileKinds],
};

/** A stored file as the API shows it; download it at `url`. */
export const fileInfo = z.object({
  id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: id,
  scopeNodeId: id.nullable(),
  createdAt: isoDateTime,
  url: z.string(),
});
export type FileInfo = z.infer<typeof fileInfo>;

/** Upload: the file itself travels as multipart/form-data in the field `file`. */
export const uploadQuery = z.strictObject({
  /** The org node the file belongs to (a room, a body): its body's limits apply. */
  nodeId: id.optional(),
});

export const fileParams = z.strictObject({ id });
