import type { ModuleManifest } from '../../platform/module.ts';
import { registerRoomRoutes } from './rooms.routes.ts';

/** A room as a platform (协商议事室): profile, rules, public page, QR code. */
export const roomsModule: ModuleManifest = {
  name: 'rooms',
  summary: "A room's profile and rules, its public page and QR code",
  tables: ['room_profile'],
  register: registerRoomRoutes,
};
