import { loadConfig } from '../config.ts';
import { openDb } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { seedDemo } from './seed.ts';

/** `npm run seed`: migrates and creates the demo data in an empty database. */
const handle = openDb(loadConfig().DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  console.log((await seedDemo(handle.db)) ? 'demo data created' : 'the database already holds an organisation; nothing done');
} finally {
  await handle.close();
}
