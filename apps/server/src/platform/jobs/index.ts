export {
  registerJob,
  registeredJobs,
  runJobOnce,
  startJobs,
  type Job,
  type JobOutcome,
  type JobRunner,
  type StartJobsOptions,
} from './jobs.ts';
