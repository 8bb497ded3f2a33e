import { loadConfig } from '../../config.ts';
import { backup, restore } from './backup.ts';

/**
 * `npm run backup [-- file]` writes a backup of DATABASE_URL (default ./data/backups/<time>.bak);
 * `npm run restore -- file` restores one into an empty DATABASE_URL.
 */
const [command, fileArg] = process.argv.slice(2);
const { DATABASE_URL } = loadConfig();
if (command === 'backup') {
  const file = fileArg ?? `./data/backups/shangliang-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
  await backup(DATABASE_URL, file);
  console.log(`backup written to ${file}`);
} else if (command === 'restore') {
  if (!fileArg) {
    console.error('usage: npm run restore -- <backup file>');
    process.exit(2);
  }
  await restore(DATABASE_URL, fileArg);
  console.log(`restored ${fileArg} into ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`);
} else {
  console.error('usage: backup-cli.ts backup [file] | restore <file>');
  process.exit(2);
}
