import type { Kysely } from 'kysely';

/*
 * Frozen. Durable event streams (platform/events: a per-stream sequence with no gaps) and live
 * deliberation (modules/live): sessions, venues, participants, statements, votes, the opinion
 * map, the speaker queue, polls, and the link from a promoted statement to its recommendation.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_stream')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('event_log')
    .addColumn('stream_id', 'text', (c) => c.notNull().references('event_stream.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_log_pk', ['stream_id', 'seq'])
    .execute();

  await db.schema
    .createTable('live_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('join_policy', 'text', (c) => c.notNull())
    .addColumn('moderation', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text')
    .addColumn('votes_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('live_session_deliberation').on('live_session').columns(['deliberation_id']).execute();

  await db.schema
    .createTable('live_venue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_session.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('main', 'integer', (c) => c.notNull())
    .addColumn('video_url', 'text')
    .addColumn('sign_in_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('live_participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_session.id'))
    .addColumn('account_id', 'text', (c) => c.references('account.id'))
    /** SHA-256 of a pseudonymous participant's token. */
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('deliberation_participant_id', 'text', (c) => c.references('participant.id'))
    .addColumn('venue_id', 'text', (c) => c.references('live_venue.id'))
    .addColumn('venue_signed_in_at', 'text')
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('live_participant_account', ['session_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('live_statement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_session.id'))
    .addColumn('participant_id', 'text', (c) => c.references('live_participant.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    /** The text normalised for the duplicate check (NFKC, case, spaces and punctuation folded). */
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('account.id'))
    .addColumn('hands_agree', 'integer')
    .addColumn('hands_disagree', 'integer')
    .addColumn('hands_pass', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('live_statement_unique_text', ['session_id', 'normalized'])
    .execute();

  await db.schema
    .createTable('live_vote')
    .addColumn('statement_id', 'text', (c) => c.notNull().references('live_statement.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('live_participant.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_session.id'))
    /** 1 agree, -1 disagree, 0 pass (Pol.is's values). */
    .addColumn('vote', 'integer', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.references('live_venue.id'))
    /** The session's votes_version when this vote was last cast: the map reads changes after a version. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_vote_pk', ['statement_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('live_vote_session_version').on('live_vote').columns(['session_id', 'version']).execute();

  await db.schema
    .createTable('live_map')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('live_session.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('map_json', 'text', (c) => c.notNull())
    .addColumn('computations', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('live_hand')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_session.id'))
    .addColumn('participant_id', 'text', (c) => c.references('live_participant.id'))
    .addColumn('deliberation_participant_id', 'text', (c) => c.references('participant.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.references('live_venue.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.references('account.id'))
    .addColumn('floor_at', 'text')
    .addColumn('seconds', 'integer')
    .addColumn('speech_id', 'text', (c) => c.references('speech.id'))
    .addColumn('summary', 'text')
    .execute();
  await db.schema.createIndex('live_hand_session').on('live_hand').columns(['session_id', 'state']).execute();

  await db.schema
    .createTable('live_poll')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_session.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createTable('live_poll_response')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('live_poll.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('live_participant.id'))
    .addColumn('answer_json', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.references('live_venue.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_poll_response_pk', ['poll_id', 'participant_id'])
    .execute();

  await db.schema
    .createTable('live_promotion')
    .addColumn('recommendation_id', 'text', (c) => c.primaryKey().references('recommendation.id'))
    .addColumn('statement_id', 'text', (c) => c.notNull().unique().references('live_statement.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_session.id'))
    .addColumn('support_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
