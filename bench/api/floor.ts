import Database from 'better-sqlite3';
import Fastify from 'fastify';

/*
 * A second baseline: the least a database-backed list can do. Bare Fastify and better-sqlite3
 * with prepared statements, answering the same page of 20 members with their body, sector and
 * town names and the total, from the same database file, behind a session lookup by cookie.
 * No validation, no framework layers: the floor our endpoint is measured against.
 */
const db = new Database(process.env.DB_FILE!, { readonly: true });
const session = db.prepare('select account_id from session where id = ?');
const page = db.prepare(`select m.*, b.name as body_name, s.name as sector_name, t.name as town_name
  from member m join org_node b on b.id = m.body_id left join org_node s on s.id = m.sector_id left join org_node t on t.id = m.town_id
  order by m.name, m.id limit 21`);
const count = db.prepare('select count(*) as n from member');
const app = Fastify({ logger: false });
app.get('/members', async (req, reply) => {
  const token = /sl_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!token || !session.get(process.env.SESSION_ID)) return reply.code(401).send({});
  const rows = page.all() as unknown[];
  return { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? 'x' : null, total: (count.get() as { n: number }).n };
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`READY ${address}`);
