import type { Executor } from '../../platform/db/index.ts';

/** Recommendations of a deliberation in order. */
export function listRecommendations(db: Executor, deliberationId: string) {
  return db.selectFrom('recommendation').selectAll().where('deliberation_id', '=', deliberationId).orderBy('seq').execute();
}

/** Inserts a recommendation at the next number. */
export async function insertRecommendation(
  db: Executor,
  row: {
    id: string;
    deliberation_id: string;
    text: string;
    rationale: string | null;
    agree: number;
    disagree: number;
    abstain: number;
    speech_ids: string;
    created_at: string;
  },
) {
  const last = await db
    .selectFrom('recommendation')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('deliberation_id', '=', row.deliberation_id)
    .executeTakeFirst();
  const seq = Number(last?.m ?? 0) + 1;
  await db
    .insertInto('recommendation')
    .values({ ...row, seq })
    .execute();
  return seq;
}

function responsibilities(db: Executor) {
  return db
    .selectFrom('responsibility')
    .innerJoin('org_node as dep', 'dep.id', 'responsibility.department_id')
    .innerJoin('deliberation', 'deliberation.id', 'responsibility.deliberation_id')
    .innerJoin('org_node as room', 'room.id', 'deliberation.room_id')
    .selectAll('responsibility')
    .select([
      'dep.name as department_name',
      'dep.path as department_path',
      'deliberation.title as deliberation_title',
      'room.path as room_path',
    ]);
}

export type ResponsibilityView = NonNullable<Awaited<ReturnType<typeof findResponsibility>>>;

/** One responsibility with its department and deliberation. */
export function findResponsibility(db: Executor, id: string) {
  return responsibilities(db).where('responsibility.id', '=', id).executeTakeFirst();
}

export interface ResponsibilityFilter {
  deliberationId?: string;
  departmentId?: string;
  state?: string;
  /** Open and past this date (YYYY-MM-DD). */
  overdueOn?: string;
  /** Deliberations of rooms under these paths, or departments under these paths. */
  roomPaths?: string[];
  departmentPaths?: string[];
}

function filtered(db: Executor, f: ResponsibilityFilter) {
  return responsibilities(db)
    .$if(!!f.deliberationId, (q) => q.where('responsibility.deliberation_id', '=', f.deliberationId!))
    .$if(!!f.departmentId, (q) => q.where('responsibility.department_id', '=', f.departmentId!))
    .$if(!!f.state, (q) => q.where('responsibility.state', '=', f.state!))
    .$if(!!f.overdueOn, (q) =>
      q.where('responsibility.deadline', '<', f.overdueOn!).where('responsibility.state', 'in', ['assigned', 'accepted', 'inProgress']),
    )
    .$if(!!f.roomPaths || !!f.departmentPaths, (q) =>
      q.where((eb) =>
        eb.or([
          ...(f.roomPaths ?? []).map((p) => eb('room.path', 'like', `${p}%`)),
          ...(f.departmentPaths ?? []).map((p) => eb('dep.path', 'like', `${p}%`)),
        ]),
      ),
    );
}

/** A page of responsibilities by deadline, then id. */
export async function listResponsibilities(
  db: Executor,
  f: ResponsibilityFilter,
  after: { sortKey: string; id: string } | null,
  limit: number,
) {
  if (f.roomPaths && !f.roomPaths.length && !f.departmentPaths?.length) return { rows: [], total: 0 };
  const rows = await filtered(db, f)
    .$if(!!after, (q) =>
      q.where((eb) =>
        eb.or([
          eb('responsibility.deadline', '>', after!.sortKey),
          eb.and([eb('responsibility.deadline', '=', after!.sortKey), eb('responsibility.id', '>', after!.id)]),
        ]),
      ),
    )
    .orderBy('responsibility.deadline')
    .orderBy('responsibility.id')
    .limit(limit + 1)
    .execute();
  const { total } = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** All responsibilities of a deliberation (for preconditions and exports). */
export function responsibilitiesOf(db: Executor, deliberationId: string) {
  return responsibilities(db).where('responsibility.deliberation_id', '=', deliberationId).orderBy('responsibility.created_at').execute();
}
