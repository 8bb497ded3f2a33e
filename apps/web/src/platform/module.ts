import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Role } from '@shangliang/contract';
import type { ActingNode } from './auth/session.tsx';
import type { MessageKey } from './i18n/index.tsx';

/*
 * A web module declares itself in one place (like the server's modules and Decidim's
 * components): its menu entries, its routes and the sections it adds to people's home pages.
 * Adding a capability to the web app is a folder under `modules/` and a line in
 * `modules/index.ts`.
 */

/** An entry of the side menu, shown to people holding one of `roles` at the acting node. */
export interface NavItem {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  roles: readonly Role[];
  /** Lower comes first. */
  order: number;
  /** A link out of the single-page app (e.g. the API docs), opened in a new tab. */
  external?: boolean;
}

/** A page of the app under the logged-in layout. */
export interface ModuleRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Who may open it (any role held anywhere); everyone logged in when absent. */
  roles?: readonly Role[];
}

/** What a home-page section is given. */
export interface HomeSectionProps {
  acting: ActingNode;
}

/** A card or block on the home page of people holding one of `roles` at the acting node. */
export interface HomeSection {
  key: string;
  roles: readonly Role[];
  order: number;
  /** `full` spans the row; `half` shares it on desktop. */
  width: 'full' | 'half';
  component: LazyExoticComponent<ComponentType<HomeSectionProps>>;
}

/** A web module's manifest. */
export interface WebModule {
  id: string;
  nav?: NavItem[];
  routes?: ModuleRoute[];
  home?: HomeSection[];
  /** Pages anyone may open without logging in, outside the logged-in layout (a room's public page). */
  publicRoutes?: Pick<ModuleRoute, 'path' | 'page'>[];
}

/** Whether a person with these roles may see something meant for `allowed`. */
export const reaches = (held: readonly Role[], allowed: readonly Role[]): boolean => held.some((r) => allowed.includes(r));

/** Every role, for entries meant for everyone. */
export const allRoles: readonly Role[] = ['admin', 'staff', 'leader', 'convener', 'member', 'department', 'resident'];
