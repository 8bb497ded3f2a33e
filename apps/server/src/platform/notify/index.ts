import type { Job } from '../jobs/jobs.ts';
import { deliverPendingEmails } from './mailer.ts';

export { notify, type NotifyInput, type NotifyResult } from './notify.ts';
export {
  deliverPendingEmails,
  createMailTransport,
  smtpUrlWithDefaults,
  emailText,
  backoffMs,
  MAX_ATTEMPTS,
  type DeliveryReport,
  type MailDeps,
} from './mailer.ts';

/** Sends the email outbox every 30 seconds (a notification waits at most that long to be emailed). */
export const deliverEmailsJob: Job = {
  name: 'notify.deliver-emails',
  everyMs: 30_000,
  run: async (deps) => {
    await deliverPendingEmails(deps);
  },
};
