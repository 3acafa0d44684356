-- Selbstcheck: questionnaire templates in immutable versions, rounds of a town on one version, respondents
-- with their own answers (autosaved), scores frozen when a round closes, and advice requests to the
-- network team. See docs/decisions/016-selfcheck-rounds-and-versions.md and 017-selfcheck-privacy.md.

-- One row per published version of a questionnaire. `content` is the whole validated template
-- (app/domain/selfcheck/questionnaire.ts). A published version never changes: editing publishes a new one.
create table selfcheck_templates (
  id bigint generated always as identity primary key,
  template_key text not null check (template_key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  version int not null check (version > 0),
  content jsonb not null,
  published_by text references users (id) on delete set null,
  published_at timestamptz not null default now(),
  unique (template_key, version)
);

create function selfcheck_templates_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'a published questionnaire version never changes; publish a new version instead' using errcode = 'restrict_violation';
end $$;
create trigger selfcheck_templates_immutable before update or delete on selfcheck_templates
  for each row execute function selfcheck_templates_are_immutable();

create table selfcheck_rounds (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  template_id bigint not null references selfcheck_templates (id),
  title text not null check (length(title) between 1 and 120),
  status text not null default 'open' check (status in ('open', 'closed')),
  opened_by text references users (id) on delete set null,
  opened_at timestamptz not null default now(),
  closed_by text references users (id) on delete set null,
  closed_at timestamptz,
  -- RoundScores (app/domain/selfcheck/scoring.ts), computed once when the round closes: results and the
  -- network benchmark read this, so they stay the same even if a respondent's account is deleted later.
  scores jsonb,
  check ((status = 'closed') = (closed_at is not null and scores is not null))
);
-- One open round per town at a time: "the current self-check" is never ambiguous.
create unique index selfcheck_rounds_one_open_idx on selfcheck_rounds (municipality_id) where status = 'open';
create index selfcheck_rounds_town_idx on selfcheck_rounds (municipality_id, opened_at desc);
create index selfcheck_rounds_closed_idx on selfcheck_rounds (template_id, closed_at) where status = 'closed';

create table selfcheck_respondents (
  round_id bigint not null references selfcheck_rounds (id) on delete cascade,
  user_id text not null references users (id) on delete cascade,
  invited_by text references users (id) on delete set null,
  invited_at timestamptz not null default now(),
  last_saved_at timestamptz,
  -- the respondent said "I am done"; they may still change answers until the round closes
  finished_at timestamptz,
  primary key (round_id, user_id)
);
create index selfcheck_respondents_user_idx on selfcheck_respondents (user_id);

create table selfcheck_answers (
  round_id bigint not null,
  user_id text not null,
  question_key text not null check (length(question_key) <= 60),
  value int,
  not_applicable boolean not null default false,
  comment text not null default '' check (length(comment) <= 2000),
  updated_at timestamptz not null default now(),
  primary key (round_id, user_id, question_key),
  foreign key (round_id, user_id) references selfcheck_respondents (round_id, user_id) on delete cascade,
  check (not (not_applicable and value is not null))
);

create table selfcheck_advice_requests (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  round_id bigint not null references selfcheck_rounds (id) on delete cascade,
  dimension_key text not null check (length(dimension_key) <= 60),
  message text not null check (length(message) between 1 and 4000),
  preferred_format text not null check (preferred_format in ('visit', 'online', 'phone')),
  requested_by text references users (id) on delete set null,
  status text not null default 'open' check (status in ('open', 'scheduled', 'done')),
  consultant_id text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index selfcheck_advice_town_idx on selfcheck_advice_requests (municipality_id, created_at desc);
create index selfcheck_advice_open_idx on selfcheck_advice_requests (created_at) where status <> 'done';

-- What happened to a request: assignments and status changes, each with a note the town reads.
create table selfcheck_advice_events (
  id bigint generated always as identity primary key,
  request_id bigint not null references selfcheck_advice_requests (id) on delete cascade,
  actor_id text references users (id) on delete set null,
  status text not null check (status in ('open', 'scheduled', 'done')),
  consultant_id text references users (id) on delete set null,
  note text not null default '' check (length(note) <= 2000),
  created_at timestamptz not null default now()
);
create index selfcheck_advice_events_request_idx on selfcheck_advice_events (request_id, id);

-- In-app notices when the network team moves an advice request on. The kinds other areas added to the
-- notifications table are kept whatever they are: the check is extended, not restated.
alter table notifications add column advice_request_id bigint references selfcheck_advice_requests (id) on delete cascade;
do $$
declare definition text;
begin
  select pg_get_constraintdef(oid) into definition from pg_constraint
   where conrelid = 'notifications'::regclass and conname = 'notifications_kind_check';
  alter table notifications drop constraint notifications_kind_check;
  execute format('alter table notifications add constraint notifications_kind_check %s',
                 replace(definition, 'ARRAY[', 'ARRAY[''advice_update''::text, '));
end $$;
