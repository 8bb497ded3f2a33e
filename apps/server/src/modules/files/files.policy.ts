import type { Actor } from '../../platform/auth/actor.ts';
import type { FileRow } from '../../platform/db/schema.ts';

/*
 * Files are attachments to deliberation work (research reports, minutes, photos) that the people
 * taking part read: any logged-in account may upload, and read a file whose id it has been given.
 * A module that attaches files to something confidential checks its own policy before it hands
 * out the id; `scope_node_id` is kept so that a narrower rule can be written here later.
 */

/** Any logged-in account may upload. */
export const canUpload = (actor: Actor | null): boolean => actor !== null;

/** Any logged-in account may read a file by its id. */
export const canRead = (actor: Actor | null, _file: Pick<FileRow, 'scope_node_id' | 'uploaded_by'>): boolean => actor !== null;
