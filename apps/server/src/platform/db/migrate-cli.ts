import { loadConfig } from '../../config.ts';
import { openDb } from './index.ts';
import { migrateToLatest } from './migrate.ts';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and says which. */
const config = loadConfig();
const handle = openDb(config.DATABASE_URL);
try {
  const applied = await migrateToLatest(handle.db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await handle.close();
}
