import type { ModuleManifest } from '../../platform/module.ts';
import { registerFileRoutes } from './files.routes.ts';

/** Uploaded files (attachments): upload with per-body limits, download. Bytes live in platform/files' BlobStore. */
export const filesModule: ModuleManifest = {
  name: 'files',
  summary: 'Uploading and downloading attachments',
  tables: ['file', 'file_blob', 'body_settings'],
  register: registerFileRoutes,
};

export { toFileInfo } from './files.service.ts';
export { attachFiles, attachmentsOf, type AttachmentInfo } from './attachments.ts';
