import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { RoomProfileTable } from '../../platform/db/schema.ts';

export type RoomProfileRow = Selectable<RoomProfileTable>;

/** A room's profile row, if it has one. */
export function findProfile(db: Executor, roomId: string): Promise<RoomProfileRow | undefined> {
  return db.selectFrom('room_profile').selectAll().where('room_id', '=', roomId).executeTakeFirst();
}

/** Creates or replaces a room's profile. */
export async function saveProfile(db: Executor, row: RoomProfileRow): Promise<void> {
  if (await findProfile(db, row.room_id)) await db.updateTable('room_profile').set(row).where('room_id', '=', row.room_id).execute();
  else await db.insertInto('room_profile').values(row).execute();
}
