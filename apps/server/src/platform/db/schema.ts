import type { Insertable, Selectable, Updateable } from 'kysely';

/*
 * Table types. Portable by construction (STYLE.md point 7): ids are text (UUIDv7), timestamps
 * ISO-8601 UTC text, JSON as text, booleans as integers 0/1.
 */

export interface OrgNodeTable {
  id: string;
  kind: string;
  subkind: string | null;
  name: string;
  parent_id: string | null;
  /** Materialised path of ids, `/root/…/self/`: descendants share the prefix. */
  path: string;
  depth: number;
  description: string | null;
  address: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountTable {
  id: string;
  username: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  status: string;
  /** Where notification emails go; null: the account gets none. */
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: string;
  account_id: string;
  role: string;
  node_id: string;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen table does not yield live sessions. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface MemberTable {
  id: string;
  body_id: string;
  account_id: string | null;
  name: string;
  gender: string;
  birth_year: number | null;
  sector_id: string | null;
  town_id: string | null;
  standing: number;
  expertise: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  ip: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface DeliberationSettingsTable {
  body_id: string;
  topic_approval_required: number;
  min_participants: number;
  max_participants: number;
  min_public_share_pct: number;
  research_report_required: number;
  notice_days: number;
  evaluation_days: number;
  updated_at: string;
}

export interface TopicTable {
  id: string;
  room_id: string;
  title: string;
  description: string;
  category: string;
  place: string | null;
  state: string;
  source: string;
  proposer_id: string;
  merged_into_id: string | null;
  decline_reason: string | null;
  support_count: number;
  comment_count: number;
  created_at: string;
  updated_at: string;
}

export interface TopicSupportTable {
  topic_id: string;
  account_id: string;
  created_at: string;
}

export interface TopicCommentTable {
  id: string;
  topic_id: string;
  account_id: string;
  body: string;
  created_at: string;
}

/** One entry in an account's in-app inbox. */
export interface NotificationTable {
  id: string;
  account_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: string | null;
  created_at: string;
}

/**
 * An email waiting to be sent, written in the same transaction as the change it reports.
 * status: pending → sending (claimed until claimed_until) → sent | failed; skipped when email is off.
 */
export interface EmailOutboxTable {
  id: string;
  notification_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  link: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  claimed_until: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A periodic job's shared state: which process holds it and when it last ran. */
export interface JobRunTable {
  name: string;
  locked_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
  runs: number;
}

/** An uploaded file's metadata; its bytes are in the BlobStore, addressed by sha256. */
export interface FileTable {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  scope_node_id: string | null;
  created_at: string;
}

/** File bytes kept in PostgreSQL (several instances share them); SQLite keeps them in FILES_DIR. */
export interface FileBlobTable {
  sha256: string;
  data: Buffer;
  size: number;
  created_at: string;
}

/** A body's own settings that override the defaults in code, by section, as JSON text. */
export interface BodySettingsTable {
  node_id: string;
  settings_json: string;
  updated_at: string;
}

export interface DeliberationTable {
  id: string;
  room_id: string;
  topic_id: string;
  title: string;
  state: string;
  meeting_at: string | null;
  place: string | null;
  agenda: string | null;
  research_report: string | null;
  minutes: string | null;
  cancel_reason: string | null;
  feedback_published_at: string | null;
  quality_json: string | null;
  sign_in_code: string | null;
  agenda_items_json: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ParticipantTable {
  id: string;
  deliberation_id: string;
  category: string;
  name: string;
  account_id: string | null;
  member_id: string | null;
  department_id: string | null;
  phone: string | null;
  answer: string;
  source: string;
  invited_at: string;
  answered_at: string | null;
  reminded_at: string | null;
  signed_in_at: string | null;
  sign_in_by: string | null;
  volunteer_id: string | null;
}

export interface ResearchTaskTable {
  id: string;
  deliberation_id: string;
  title: string;
  assignee_id: string | null;
  due_date: string;
  findings: string | null;
  done_at: string | null;
  created_at: string;
}

export interface RecommendationTable {
  id: string;
  deliberation_id: string;
  seq: number;
  text: string;
  rationale: string | null;
  agree: number;
  disagree: number;
  abstain: number;
  speech_ids: string;
  created_at: string;
}

export interface ResponsibilityTable {
  id: string;
  recommendation_id: string;
  deliberation_id: string;
  department_id: string;
  person_in_charge: string;
  action: string;
  deadline: string;
  state: string;
  reason: string | null;
  feedback: string | null;
  feedback_evidence: string | null;
  feedback_date: string | null;
  reminded_before_at: string | null;
  reminded_overdue_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgressReportTable {
  id: string;
  responsibility_id: string;
  note: string;
  evidence: string | null;
  at: string;
  by_id: string;
}

export interface RatingTable {
  id: string;
  deliberation_id: string;
  participant_id: string;
  rating: string;
  comment: string | null;
  at: string;
}

export interface SpeechTable {
  id: string;
  deliberation_id: string;
  participant_id: string;
  summary: string;
  interaction: number;
  venue: string | null;
  at: string;
  recorded_by: string;
}

export interface RoomProfileTable {
  room_id: string;
  opening_hours: string | null;
  first_convener: string | null;
  executive_convener: string | null;
  participation_scope: string | null;
  discussion_principles: string | null;
  procedure: string | null;
  means_of_exchange: string | null;
  updated_at: string;
}

export interface AttachmentTable {
  id: string;
  entity: string;
  entity_id: string;
  file_id: string;
  created_by: string;
  created_at: string;
}

export interface VolunteerTable {
  id: string;
  deliberation_id: string;
  account_id: string;
  name: string;
  features_json: string;
  created_at: string;
}

export interface LotteryTable {
  deliberation_id: string;
  size: number;
  quotas_json: string;
  seed: string;
  input_digest: string;
  engine: string;
  panel_json: string;
  probabilities_json: string;
  min_probability: number;
  created_by: string;
  created_at: string;
  published_at: string | null;
  /** The pool as drawn, `[{ id, features }]`; null for lotteries drawn before it was kept. */
  pool_json: string | null;
}

export interface SignUpTable {
  deliberation_id: string;
  /** The convener's switch (integer boolean). */
  open: number;
  questions_json: string;
  communities_json: string;
  /** When sign-up was first opened: tells "not opened yet" from "closed". */
  opened_at: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface LotteryReplacementTable {
  id: string;
  deliberation_id: string;
  declined_volunteer_id: string;
  replacement_volunteer_id: string;
  seed: string;
  digest: string;
  at: string;
  /** 1, 2, … in the order drawn (unique per deliberation): the n of the seed `<lottery seed>/replacement/<n>`. */
  ordinal: number;
}

/** A durable event stream (platform/events): the last sequence number taken. */
export interface EventStreamTable {
  id: string;
  last_seq: number;
  created_at: string;
}

export interface EventLogTable {
  stream_id: string;
  seq: number;
  type: string;
  at: string;
  data_json: string;
}

export interface LiveSessionTable {
  id: string;
  deliberation_id: string;
  kind: string;
  join_policy: string;
  moderation: string;
  state: string;
  title: string;
  closes_at: string | null;
  /** The statement put before the room by the convener (null: none). */
  current_statement_id: string | null;
  votes_version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface LiveVenueTable {
  id: string;
  session_id: string;
  name: string;
  main: number;
  video_url: string | null;
  sign_in_code: string;
  created_at: string;
}

export interface LiveParticipantTable {
  id: string;
  session_id: string;
  account_id: string | null;
  token_hash: string | null;
  pseudonym: string;
  deliberation_participant_id: string | null;
  venue_id: string | null;
  venue_signed_in_at: string | null;
  joined_at: string;
}

export interface LiveStatementTable {
  id: string;
  session_id: string;
  participant_id: string | null;
  text: string;
  normalized: string;
  state: string;
  origin: string;
  created_by: string | null;
  hands_agree: number | null;
  hands_disagree: number | null;
  hands_pass: number | null;
  created_at: string;
  updated_at: string;
}

export interface LiveVoteTable {
  statement_id: string;
  participant_id: string;
  session_id: string;
  vote: number;
  venue_id: string | null;
  version: number;
  at: string;
}

export interface LiveMapTable {
  session_id: string;
  version: number;
  computed_at: string;
  map_json: string;
  computations: number;
}

export interface LiveHandTable {
  id: string;
  session_id: string;
  participant_id: string | null;
  deliberation_participant_id: string | null;
  name: string;
  venue_id: string | null;
  state: string;
  raised_at: string;
  raised_by: string | null;
  floor_at: string | null;
  seconds: number | null;
  speech_id: string | null;
  summary: string | null;
}

export interface LivePollTable {
  id: string;
  session_id: string;
  question: string;
  kind: string;
  options_json: string;
  results: string;
  state: string;
  created_by: string;
  created_at: string;
  closed_at: string | null;
}

export interface LivePollResponseTable {
  poll_id: string;
  participant_id: string;
  answer_json: string;
  venue_id: string | null;
  at: string;
}

export interface LivePromotionTable {
  recommendation_id: string;
  statement_id: string;
  session_id: string;
  support_json: string;
  created_at: string;
}

export interface Database {
  org_node: OrgNodeTable;
  account: AccountTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  member: MemberTable;
  audit_log: AuditLogTable;
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
  job_run: JobRunTable;
  file: FileTable;
  attachment: AttachmentTable;
  volunteer: VolunteerTable;
  lottery: LotteryTable;
  lottery_replacement: LotteryReplacementTable;
  sign_up: SignUpTable;
  file_blob: FileBlobTable;
  body_settings: BodySettingsTable;
  deliberation_settings: DeliberationSettingsTable;
  topic: TopicTable;
  topic_support: TopicSupportTable;
  topic_comment: TopicCommentTable;
  deliberation: DeliberationTable;
  participant: ParticipantTable;
  research_task: ResearchTaskTable;
  speech: SpeechTable;
  recommendation: RecommendationTable;
  responsibility: ResponsibilityTable;
  progress_report: ProgressReportTable;
  rating: RatingTable;
  room_profile: RoomProfileTable;
  event_stream: EventStreamTable;
  event_log: EventLogTable;
  live_session: LiveSessionTable;
  live_venue: LiveVenueTable;
  live_participant: LiveParticipantTable;
  live_statement: LiveStatementTable;
  live_vote: LiveVoteTable;
  live_map: LiveMapTable;
  live_hand: LiveHandTable;
  live_poll: LivePollTable;
  live_poll_response: LivePollResponseTable;
  live_promotion: LivePromotionTable;
}

export type TopicRow = Selectable<TopicTable>;
export type DeliberationRow = Selectable<DeliberationTable>;
export type ParticipantRow = Selectable<ParticipantTable>;

export type OrgNodeRow = Selectable<OrgNodeTable>;
/**
 * `email` came after code that builds whole account rows; optional here so that such code stays
 * valid (an insert without it stores null).
 */
export type AccountRow = Omit<Selectable<AccountTable>, 'email'> & { email?: string | null };
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type MemberRow = Selectable<MemberTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type EmailOutboxRow = Selectable<EmailOutboxTable>;
export type FileRow = Selectable<FileTable>;
