import { z } from 'zod';

/**
 * Every setting the server reads, with its default. Validated once at start; a bad value stops the
 * process with a message that names the variable (README: Configuration).
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** `file:./data/shangliang.db` (SQLite, the default) or `postgres://…`. */
  DATABASE_URL: z
    .string()
    .default('file:./data/shangliang.db')
    .refine((v) => v.startsWith('file:') || v === ':memory:' || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be file:<path>, :memory: or postgres://…',
    }),
  /** `redis://…` to share live events and jobs between processes; empty for one process. */
  REDIS_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || /^rediss?:\/\//.test(v), { message: 'must be redis://… or empty' }),
  /** Create the Nantong demo data on first start (an empty database). */
  DEMO_DATA: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session lifetime in hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /**
   * Seconds a process may reuse a session it has looked up (0: look up on every request). A
   * logout or role change takes effect at once in the process that made it, and within this many
   * seconds in other processes.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** Folder of the built web app; served at / when it exists. */
  WEB_DIST: z.string().default('apps/web/dist'),
  /** Folder for uploaded files when the database is SQLite. */
  FILES_DIR: z.string().default('./data/files'),
  /** Address used in links that leave the platform (QR codes, emails). */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  SMTP_URL: z.string().default(''),
  /** Live sessions: how long the opinion map waits for more votes before it recomputes. */
  LIVE_MAP_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /**
   * Live sessions: at most one batch of events per session is sent to each client in this many
   * milliseconds (the first after a quiet period goes at once); fewer, larger frames for big rooms.
   */
  LIVE_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(25),
  /** Live sessions: votes (and poll answers) one participant may cast per minute. */
  LIVE_VOTE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Live sessions: statements (and raised hands) one participant may write per minute. */
  LIVE_STATEMENT_LIMIT: z.coerce.number().int().min(1).max(100_000).default(6),
  /** Live sessions with the link policy: pseudonymous joins per address and session in 10 minutes. */
  LIVE_JOIN_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(200),
  /**
   * Live sessions: about every this many seconds (± a fifth, so that sockets opened together
   * spread out) each WebSocket checks again that its user may still follow the session (logged
   * in, account active, invitation or policy still admitting them); one that may not is closed.
   */
  LIVE_ACCESS_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SMTP_FROM: z.string().default('商量 <noreply@localhost>'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Reads the configuration from an environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(picked[String(i.path[0])])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
