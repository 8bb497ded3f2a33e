import type { ModuleManifest } from '../../platform/module.ts';
import { registerDeliberationRoutes } from './deliberations.routes.ts';
import { registerLotteryRoutes } from './lottery.routes.ts';
import { registerOutcomeRoutes } from './outcome.routes.ts';
import { deadlineRemindersJob, evaluationWindowJob } from './reminders.ts';

/** A room's deliberation in seven links: topic, participants, research, meeting, outcome, evaluation. */
export const deliberationsModule: ModuleManifest = {
  name: 'deliberations',
  summary: "A room's deliberation from a selected topic to its meeting record",
  tables: [
    'deliberation',
    'participant',
    'research_task',
    'speech',
    'recommendation',
    'responsibility',
    'progress_report',
    'rating',
    'volunteer',
    'lottery',
    'lottery_replacement',
    'sign_up',
  ],
  register: (app) => {
    registerDeliberationRoutes(app);
    registerOutcomeRoutes(app);
    registerLotteryRoutes(app);
  },
  jobs: [deadlineRemindersJob, evaluationWindowJob],
};

export { deliberationLifecycle } from './deliberations.lifecycle.ts';
export { participationCheck } from './deliberations.policy.ts';
export { invite, recordSpeechIn } from './deliberations.service.ts';
export { addRecommendationIn } from './outcome.service.ts';
export { findDeliberation, findParticipant, type DeliberationView } from './deliberations.store.ts';
export { publicResults } from './public.ts';
export { sendDeadlineReminders } from './reminders.ts';
