import type { HomeSection, NavItem, WebModule } from '../platform/module.ts';
import { accountsModule } from './accounts/index.tsx';
import { auditModule } from './audit/index.tsx';
import { docsModule } from './docs/index.tsx';
import { homeModule } from './home/index.tsx';
import { liveModule } from './live/index.tsx';
import { membersModule } from './members/index.tsx';
import { orgModule } from './org/index.tsx';
import { deliberationsModule } from './deliberations/index.tsx';
import { notificationsModule } from './notifications/index.tsx';
import { responsibilitiesModule } from './responsibilities/index.tsx';
import { roomsModule } from './rooms/index.tsx';
import { topicsModule } from './topics/index.tsx';

/** Every web module; adding a capability is a folder and a line here (STYLE.md point 1). */
export const modules: WebModule[] = [
  homeModule,
  notificationsModule,
  orgModule,
  membersModule,
  roomsModule,
  topicsModule,
  deliberationsModule,
  liveModule,
  responsibilitiesModule,
  accountsModule,
  auditModule,
  docsModule,
];

export const navItems: NavItem[] = modules.flatMap((m) => m.nav ?? []);
export const homeSections: HomeSection[] = modules.flatMap((m) => m.home ?? []).sort((a, b) => a.order - b.order);
export const moduleRoutes = modules.flatMap((m) => m.routes ?? []);
export const publicRoutes = modules.flatMap((m) => m.publicRoutes ?? []);
