import { registerJob } from '../../platform/jobs/index.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { deliverEmailsJob } from '../../platform/notify/index.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';

/** The in-app inbox; sending is `notify()` in platform/notify, emailed by the outbox job. */
export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  summary: "Each account's inbox of notifications, and the email outbox",
  tables: ['notification', 'email_outbox', 'job_run'],
  register: registerNotificationRoutes,
};

// The outbox job runs wherever startJobs() runs (platform/jobs).
registerJob(deliverEmailsJob);

export { toNotification } from './notifications.service.ts';
