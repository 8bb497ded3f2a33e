import type { Role } from '@shangliang/contract';
import { hashPassword } from '../platform/auth/passwords.ts';
import { nowIso } from '../platform/clock.ts';
import type { Db, Trx } from '../platform/db/index.ts';
import type { OrgNodeRow } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import * as N from './nantong.ts';

/** The demo accounts printed at start and listed in the README. */
export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; displayName: string; at: string; note: string }[] = [
  { username: 'admin', password: 'Demo@2026', role: 'admin', displayName: '系统管理员', at: 'city', note: '系统管理员 · 南通市政协' },
  { username: 'staff', password: 'Demo@2026', role: 'staff', displayName: '市政协办公室', at: 'city', note: '机关工作人员 · 南通市政协' },
  { username: 'leader', password: 'Demo@2026', role: 'leader', displayName: '市政协领导', at: 'city', note: '领导 · 南通市政协' },
  {
    username: 'convener',
    password: 'Demo@2026',
    role: 'convener',
    displayName: '和平桥召集人',
    at: 'room',
    note: '召集人 · 和平桥街道协商议事室',
  },
  { username: 'member', password: 'Demo@2026', role: 'member', displayName: '政协委员', at: 'city', note: '政协委员 · 南通市政协' },
  {
    username: 'department',
    password: 'Demo@2026',
    role: 'department',
    displayName: '市住建局联络员',
    at: 'department',
    note: '部门 · 南通市住房和城乡建设局',
  },
  {
    username: 'resident',
    password: 'Demo@2026',
    role: 'resident',
    displayName: '和平桥居民',
    at: 'room',
    note: '居民 · 和平桥街道协商议事室 (phone 13800000007)',
  },
];

/** A small seeded generator (mulberry32) so that every fresh install gets the same demo data. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Creates the Nantong demo data when the database holds no organisation yet; returns whether it
 * did. One transaction: a half-seeded database never exists.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.selectFrom('org_node').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const hash = await hashPassword(DEMO_ACCOUNTS[0]!.password);
  await db.transaction().execute((trx) => seedInto(trx, hash));
  return true;
}

async function seedInto(trx: Trx, passwordHash: string): Promise<void> {
  const t = nowIso();
  const rows: OrgNodeRow[] = [];
  const add = (kind: string, name: string, parent: OrgNodeRow | null, subkind: string | null = null, extra: Partial<OrgNodeRow> = {}) => {
    const id = newId();
    const row: OrgNodeRow = {
      id,
      kind,
      subkind,
      name,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      description: null,
      address: null,
      archived_at: null,
      created_at: t,
      updated_at: t,
      ...extra,
    };
    rows.push(row);
    return row;
  };

  const city = add('body', N.CITY, null, 'city', { address: '江苏省南通市崇川区世纪大道6号' });
  const sectors = N.SECTORS.map((s) => add('sector', s, city));
  N.SPECIAL_COMMITTEES.forEach((c) => add('specialCommittee', c, city));
  N.PARTICIPATING_UNITS.forEach(([u, k]) => add('participatingUnit', u, city, k));
  const departments = N.DEPARTMENTS.map((d) => add('department', d, city));
  const counties: OrgNodeRow[] = [];
  const towns: OrgNodeRow[] = [];
  const rooms: OrgNodeRow[] = [];
  for (const c of N.COUNTIES) {
    const county = add('body', c.name, city, 'county');
    counties.push(county);
    add('specialCommittee', '提案委员会', county);
    for (const [townName, kind] of c.towns) {
      const town = add('town', townName, county, kind);
      towns.push(town);
      add('workCommittee', `${townName}政协工作委员会`, town);
      add('dutyGroup', `${townName}委员履职小组`, town);
      const room = add('room', `${townName}“有事好商量”协商议事室`, town, null, {
        address: `${townName}党群服务中心二楼`,
        description: '三位一体：协商议事室、政协委员工作室、社情民意联系点',
      });
      rooms.push(room);
      add('memberStudio', `${townName}政协委员工作室`, room);
      add('contactPoint', `${townName}社情民意联系点`, room);
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('org_node')
      .values(rows.slice(i, i + 200))
      .execute();

  // About two hundred members: a third at city level, the rest across the county bodies.
  const r = rng(20261127);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const used = new Set<string>();
  const members = [];
  for (let i = 0; i < 210; i++) {
    let name = '';
    do name = pick(N.SURNAMES) + pick(N.GIVEN) + (r() < 0.7 ? pick(N.GIVEN) : '');
    while (used.has(name));
    used.add(name);
    const county = i < 70 ? null : counties[i % counties.length]!;
    const countyTowns = county ? towns.filter((tw) => tw.parent_id === county.id) : towns;
    members.push({
      id: newId(),
      body_id: county?.id ?? city.id,
      account_id: null as string | null,
      name,
      gender: r() < 0.45 ? 'female' : 'male',
      birth_year: 1960 + Math.floor(r() * 35),
      sector_id: pick(sectors).id,
      town_id: pick(countyTowns).id,
      standing: r() < 0.12 ? 1 : 0,
      expertise: `${pick(N.EXPERTISE)}、${pick(N.EXPERTISE)}`,
      created_at: t,
      updated_at: t,
    });
  }

  const heping = rooms[0]!;
  const housing = departments.find((d) => d.name.includes('住房和城乡建设'))!;
  const nodeFor = { city, room: heping, department: housing } as const;
  for (const [i, a] of DEMO_ACCOUNTS.entries()) {
    const id = newId();
    await trx
      .insertInto('account')
      .values({
        id,
        username: a.username,
        phone: `1380000000${i + 1}`,
        display_name: a.displayName,
        password_hash: passwordHash,
        must_change_password: 0,
        status: 'active',
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('role_grant')
      .values({ id: newId(), account_id: id, role: a.role, node_id: nodeFor[a.at as keyof typeof nodeFor].id, created_at: t })
      .execute();
    if (a.role === 'member') members[0]!.account_id = id;
    if (a.role === 'convener') {
      // The executive convener is a CPPCC member too: they can also act as one.
      await trx
        .insertInto('role_grant')
        .values({ id: newId(), account_id: id, role: 'member', node_id: counties[0]!.id, created_at: t })
        .execute();
    }
  }
  for (let i = 0; i < members.length; i += 100)
    await trx
      .insertInto('member')
      .values(members.slice(i, i + 100))
      .execute();
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: t,
      actor_id: null,
      ip: null,
      entity: 'platform',
      entity_id: 'demo',
      action: 'seed',
      before_json: null,
      after_json: JSON.stringify({ nodes: rows.length, members: members.length }),
    })
    .execute();
}
