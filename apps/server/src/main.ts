import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemo, DEMO_ACCOUNTS } from './demo/seed.ts';
import { modules } from './modules/index.ts';
import { openDb } from './platform/db/index.ts';
import { startJobs } from './platform/jobs/index.ts';
import { deliverEmailsJob } from './platform/notify/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

/** Starts the platform: validate configuration, migrate, seed demo data once, listen, shut down cleanly. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const db = openDb(config.DATABASE_URL);
  await migrateToLatest(db.db);
  let seeded = false;
  if (config.DEMO_DATA === 'true') seeded = await seedDemo(db.db);
  const app = await buildApp({ config, db, logger: { level: config.LOG_LEVEL } });
  // Reminders and the email outbox run in this process; their state is in the database, so
  // several processes share the work without doing it twice.
  const jobs = startJobs(app.deps, {
    jobs: [deliverEmailsJob, ...modules.flatMap((m) => m.jobs ?? [])],
    onError: (message, err) => app.log.error({ err }, message),
  });
  app.addHook('onClose', () => jobs.stop());
  const address = await app.listen({ port: config.PORT, host: config.HOST });

  const shown = config.HOST === '0.0.0.0' ? `http://localhost:${config.PORT}` : address;
  console.log(`\n  商量 Shangliang is running at ${shown}  (database: ${db.dialect})`);
  if (config.DEMO_DATA === 'true') {
    console.log(`  Demo data ${seeded ? 'created' : 'present'}. Demo accounts (password: ${DEMO_ACCOUNTS[0]!.password}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(12)} ${a.role.padEnd(11)} ${a.note}`);
  }
  console.log('');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.lifecycle.shuttingDown = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
