export { registerJob, registeredJobs, runJobOnce, startJobs, type Job, type JobOutcome, type JobRunner } from './jobs.ts';
