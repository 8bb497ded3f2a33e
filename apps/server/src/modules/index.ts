import type { ModuleManifest } from '../platform/module.ts';
import { auditModule } from './audit/index.ts';
import { deliberationsModule } from './deliberations/index.ts';
import { filesModule } from './files/index.ts';
import { liveModule } from './live/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { orgModule } from './org/index.ts';
import { peopleModule } from './people/index.ts';
import { roomsModule } from './rooms/index.ts';
import { rulesModule } from './rules/index.ts';
import { topicsModule } from './topics/index.ts';

/** Every capability of the server. Adding one is a folder under modules/ and a line here. */
export const modules: ModuleManifest[] = [
  orgModule,
  peopleModule,
  auditModule,
  rulesModule,
  roomsModule,
  topicsModule,
  deliberationsModule,
  liveModule,
  notificationsModule,
  filesModule,
];
