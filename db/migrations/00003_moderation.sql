-- Moderation with due process: notices (reports), a queue of cases per town with claims, decisions with a
-- statement of reasons, sanctions, appeals, pre-moderation, watched words, shielding of officials, an
-- append-only audit log. Modelled on EU DSA articles 16 (notices), 17 (statement of reasons), 20 (appeals).

-- What readers see of a post: published; held (author and moderators only, until approved); hidden by a
-- decision (a placeholder for everyone).
alter table posts add column status text not null default 'published' check (status in ('published', 'held', 'hidden'));
create index posts_author_town_idx on posts (author_id, municipality_id) where status = 'published';

alter table threads add column slow_mode_seconds int check (slow_mode_seconds between 1 and 86400);
-- A thread whose first post waits for review is shown to its author and the moderators only.
alter table threads add column held boolean not null default false;
create index posts_thread_author_idx on posts (thread_id, author_id, created_at desc);

alter table forums add column premoderated boolean not null default false;

-- The first N posts of a new member in this town wait for review (0: off).
alter table municipalities add column review_first_posts int not null default 0 check (review_first_posts between 0 and 50);

-- An official who switches shielding on: replies in their threads and quotes of their posts wait for review.
alter table memberships add column shielded boolean not null default false;

-- One case per item in the queue while it is open; reports, holds and watched-word hits attach to it.
create table moderation_cases (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  target_kind text not null check (target_kind in ('post', 'user')),
  post_id bigint references posts (id) on delete cascade,
  subject_user_id text references users (id) on delete set null,
  -- why the item is in the queue: reported, held (pre-moderated forum, new member, watched word, shield), flagged
  held boolean not null default false,
  hold_reason text check (hold_reason in ('forum', 'new_member', 'watched_word', 'shield')),
  watched_pattern text,
  shielded boolean not null default false,
  report_count int not null default 0,
  status text not null default 'open' check (status in ('open', 'decided')),
  opened_at timestamptz not null default now(),
  claimed_by text references users (id) on delete set null,
  claimed_until timestamptz,
  decided_at timestamptz,
  -- set when an appeal against a dismissal succeeded and the item came back for a new decision
  reopened_from_decision_id bigint,
  check ((target_kind = 'post') = (post_id is not null))
);
create unique index moderation_cases_open_post_idx on moderation_cases (post_id) where status = 'open' and target_kind = 'post';
create unique index moderation_cases_open_user_idx on moderation_cases (municipality_id, subject_user_id) where status = 'open' and target_kind = 'user';
create index moderation_cases_queue_idx on moderation_cases (municipality_id, opened_at) where status = 'open';

create table reports (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  case_id bigint not null references moderation_cases (id) on delete cascade,
  target_kind text not null check (target_kind in ('post', 'user')),
  post_id bigint references posts (id) on delete cascade,
  subject_user_id text references users (id) on delete set null,
  -- null for guests and for automated flags (watched words)
  reporter_id text references users (id) on delete set null,
  reporter_email text,
  automated boolean not null default false,
  category text not null check (category in ('illegal_hate', 'threat', 'insult', 'harassment', 'doxxing', 'spam', 'other')),
  explanation text not null default '',
  status text not null default 'open' check (status in ('open', 'closed')),
  created_at timestamptz not null default now()
);
-- One open report per reporter per item.
create unique index reports_one_open_post_idx on reports (reporter_id, post_id) where status = 'open' and post_id is not null;
create unique index reports_one_open_user_idx on reports (reporter_id, subject_user_id) where status = 'open' and target_kind = 'user';
create index reports_case_idx on reports (case_id);
create index reports_town_month_idx on reports (municipality_id, created_at);

create table moderation_decisions (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  case_id bigint references moderation_cases (id) on delete set null,
  moderator_id text references users (id) on delete set null,
  action text not null check (action in ('dismiss', 'approve', 'hide', 'edit_title', 'lock', 'unlock', 'pin', 'unpin', 'move',
                                         'slow_mode', 'warn', 'mute', 'suspend')),
  post_id bigint references posts (id) on delete set null,
  thread_id bigint references threads (id) on delete set null,
  subject_user_id text references users (id) on delete set null,
  -- the statement of reasons
  ground text not null,
  facts text not null,
  automated boolean not null default false,
  ends_at timestamptz,
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  reversed_at timestamptz
);
create index moderation_decisions_town_idx on moderation_decisions (municipality_id, created_at);
create index moderation_decisions_post_idx on moderation_decisions (post_id);

-- Warnings, mutes and suspensions in one town, each until a date.
create table sanctions (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  user_id text not null references users (id) on delete cascade,
  kind text not null check (kind in ('warn', 'mute', 'suspend')),
  decision_id bigint not null references moderation_decisions (id) on delete cascade,
  ends_at timestamptz not null,
  lifted_at timestamptz
);
create index sanctions_user_idx on sanctions (municipality_id, user_id, ends_at);

create table appeals (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  decision_id bigint not null references moderation_decisions (id) on delete cascade,
  appellant_id text references users (id) on delete set null,
  appellant_role text not null check (appellant_role in ('author', 'reporter')),
  text text not null,
  status text not null default 'open' check (status in ('open', 'upheld', 'reversed')),
  created_at timestamptz not null default now(),
  decided_by text references users (id) on delete set null,
  decided_at timestamptz,
  outcome_reasons text,
  -- once per person and decision
  unique (decision_id, appellant_id)
);
create index appeals_open_idx on appeals (municipality_id, created_at) where status = 'open';

create table watched_words (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  pattern text not null,
  normalised text not null,
  action text not null check (action in ('block', 'hold', 'flag')),
  created_at timestamptz not null default now(),
  unique (municipality_id, normalised)
);

-- Append-only: every moderation action, as it happened.
create table moderation_audit_log (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  actor_id text references users (id) on delete set null,
  action text not null,
  case_id bigint,
  decision_id bigint,
  appeal_id bigint,
  post_id bigint,
  thread_id bigint,
  subject_user_id text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index moderation_audit_town_idx on moderation_audit_log (municipality_id, id desc);

create function moderation_audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  -- A town or account being deleted takes its rows with it (foreign keys); nothing else may change them.
  if tg_op = 'UPDATE' and new.id = old.id and new.municipality_id = old.municipality_id and new.action = old.action
     and new.details = old.details and new.created_at = old.created_at and old.actor_id is not null and new.actor_id is null then
    return new;
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from municipalities where id = old.municipality_id) then
    return old;
  end if;
  raise exception 'moderation audit rows cannot be changed or deleted' using errcode = 'insufficient_privilege';
end $$;
create trigger moderation_audit_log_append_only before update or delete on moderation_audit_log
  for each row execute function moderation_audit_log_is_append_only();
create function moderation_audit_log_no_truncate() returns trigger language plpgsql as $$
begin
  raise exception 'moderation audit rows cannot be changed or deleted' using errcode = 'insufficient_privilege';
end $$;
create trigger moderation_audit_log_no_truncate before truncate on moderation_audit_log
  for each statement execute function moderation_audit_log_no_truncate();

-- Notifications about moderation: receipts, decisions, appeal outcomes. They point at a decision or report,
-- not necessarily at a post.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('reply', 'quote', 'report_received', 'decision', 'appeal_outcome'));
alter table notifications alter column thread_id drop not null, alter column post_id drop not null;
alter table notifications add column decision_id bigint references moderation_decisions (id) on delete cascade,
                          add column report_id bigint references reports (id) on delete cascade;
