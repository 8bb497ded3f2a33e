import type { Migration } from 'kysely';
import * as platform from './2026-11-27T1800-platform.ts';
import * as memberNameIndex from './2026-11-27T1900-member-name-index.ts';
import * as notifications from './2026-11-27T2000-notifications.ts';
import * as files from './2026-11-27T2010-files.ts';
import * as topics from './2026-11-27T2030-topics.ts';
import * as deliberations from './2026-11-27T2040-deliberations.ts';
import * as outcome from './2026-11-27T2050-outcome.ts';
import * as rooms from './2026-11-27T2060-rooms.ts';
import * as signInCode from './2026-11-27T2070-sign-in-code.ts';
import * as attachments from './2026-11-27T2080-attachments.ts';
import * as lottery from './2026-11-27T2090-lottery.ts';
import * as agendaItems from './2026-11-27T2100-agenda-items.ts';
import * as live from './2026-12-01T0800-live.ts';
import * as signUp from './2026-12-01T1200-sign-up.ts';
import * as liveCurrentStatement from './2026-12-01T1300-live-current-statement.ts';
import * as signUpRequired from './2026-12-01T1430-sign-up-required.ts';
import * as replacementOrdinal from './2026-12-01T1440-replacement-ordinal.ts';

/** Every migration, by its frozen dated name; applied in name order. Add a line per new file. */
export const migrations: Record<string, Migration> = {
  '2026-11-27T1800-platform': platform,
  '2026-11-27T1900-member-name-index': memberNameIndex,
  '2026-11-27T2000-notifications': notifications,
  '2026-11-27T2010-files': files,
  '2026-11-27T2030-topics': topics,
  '2026-11-27T2040-deliberations': deliberations,
  '2026-11-27T2050-outcome': outcome,
  '2026-11-27T2060-rooms': rooms,
  '2026-11-27T2070-sign-in-code': signInCode,
  '2026-11-27T2080-attachments': attachments,
  '2026-11-27T2090-lottery': lottery,
  '2026-11-27T2100-agenda-items': agendaItems,
  '2026-12-01T0800-live': live,
  '2026-12-01T1200-sign-up': signUp,
  '2026-12-01T1300-live-current-statement': liveCurrentStatement,
  '2026-12-01T1430-sign-up-required': signUpRequired,
  '2026-12-01T1440-replacement-ordinal': replacementOrdinal,
};
