import { type Kysely, sql } from 'kysely';

/*
 * Frozen. Uploaded files: their metadata, their bytes when the database is PostgreSQL (several
 * instances share them; SQLite keeps bytes in FILES_DIR), and per-body settings overriding the
 * defaults in code (file limits first).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('scope_node_id', 'text', (c) => c.references('org_node.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('file_sha256').on('file').column('sha256').execute();
  await db.schema.createIndex('file_uploader').on('file').columns(['uploaded_by', 'created_at']).execute();

  // Only PostgreSQL keeps bytes in the database; bytea has no SQLite spelling worth sharing.
  if (db.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    await db.schema
      .createTable('file_blob')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('data', sql`bytea`, (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  }

  await db.schema
    .createTable('body_settings')
    .addColumn('node_id', 'text', (c) => c.primaryKey().references('org_node.id'))
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
