-- Dialogue events: a town's (or, with no town, the whole network's) scheduled dialogues, their registrations
-- with a waiting list, and check-in at the door. Instants in UTC; shown in the town's zone.

alter table municipalities add column time_zone text not null default 'Europe/Berlin';

create table dialogue_events (
  id bigint generated always as identity primary key,
  -- null: a network-wide event run by the network team, shown in every town
  municipality_id bigint references municipalities (id) on delete cascade,
  created_by text references users (id) on delete set null,
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  format text not null check (format in ('citizen_dialogue', 'workshop', 'round_table', 'information_evening', 'online_qa', 'network_review')),
  mode text not null check (mode in ('in_person', 'online', 'hybrid')),
  -- the texts in the event's default language; other languages in `translations` ({"ar": {"title", "descriptionDoc", "descriptionHtml", "descriptionText"}})
  default_language text not null,
  title text not null check (length(title) between 1 and 200),
  description_doc jsonb not null,
  description_html text not null,
  description_text text not null,
  translations jsonb not null default '{}' check (jsonb_typeof(translations) = 'object'),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  time_zone text not null,
  venue_name text check (length(venue_name) <= 200),
  venue_address text check (length(venue_address) <= 500),
  -- shown only to registered participants (pages, calendar files, mails)
  join_url text check (length(join_url) <= 500),
  languages text[] not null default '{}',
  interpretation text[] not null default '{}',
  accessibility text[] not null default '{}' check (accessibility <@ array['step_free', 'hearing_loop', 'childcare', 'quiet_room']),
  capacity int check (capacity between 1 and 100000),
  registration_deadline timestamptz,
  guests_allowed boolean not null default false,
  -- the organiser's optional questions to registrants, in the default language
  questions text[] not null default '{}' check (cardinality(questions) <= 5),
  -- raised on every change attendees' calendars should notice (RFC 5545 SEQUENCE)
  sequence int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  cancelled_at timestamptz,
  check (ends_at > starts_at),
  check (mode <> 'in_person' or join_url is null)
);
create index dialogue_events_town_idx on dialogue_events (municipality_id, starts_at);
create index dialogue_events_network_idx on dialogue_events (starts_at) where municipality_id is null;

create table dialogue_registrations (
  id bigint generated always as identity primary key,
  event_id bigint not null references dialogue_events (id) on delete cascade,
  user_id text references users (id) on delete cascade,
  guest_name text check (length(guest_name) <= 120),
  guest_email text check (length(guest_email) <= 254),
  -- pending: a guest who has not yet followed the confirmation link; waiting: on the waiting list
  status text not null check (status in ('pending', 'confirmed', 'waiting', 'cancelled')),
  code text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Z]{9}$'),
  language text not null default 'de',
  answers jsonb,
  answers_deleted_at timestamptz,
  created_at timestamptz not null default now(),
  -- the waiting list's order: when the person joined it
  waiting_since timestamptz,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  checked_in_by text references users (id) on delete set null,
  -- each reminder is sent once: set in the transaction that writes its mail
  reminded_24h_at timestamptz,
  reminded_1h_at timestamptz,
  check ((user_id is null) = (guest_email is not null))
);
-- one live registration per person and event
create unique index dialogue_registrations_user_idx on dialogue_registrations (event_id, user_id) where status <> 'cancelled' and user_id is not null;
create unique index dialogue_registrations_guest_idx on dialogue_registrations (event_id, lower(guest_email)) where status <> 'cancelled' and guest_email is not null;
create index dialogue_registrations_event_idx on dialogue_registrations (event_id, status, id);
create index dialogue_registrations_person_idx on dialogue_registrations (user_id) where user_id is not null;

-- The links in a registration's mails (confirm a guest's address, cancel without signing in); only hashes.
create table dialogue_registration_tokens (
  token_hash text primary key,
  registration_id bigint not null references dialogue_registrations (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index dialogue_registration_tokens_registration_idx on dialogue_registration_tokens (registration_id);

-- In-app notices about one's registration: a seat from the waiting list, a cancelled event. They were mailed
-- already (emailed_at is set when they are written), so the digest leaves them out. A network event has no town.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('reply', 'quote', 'report_received', 'decision', 'appeal_outcome', 'event_promoted', 'event_cancelled'));
alter table notifications add column dialogue_event_id bigint references dialogue_events (id) on delete cascade;
alter table notifications alter column municipality_id drop not null;

-- Live Q&A during an event. held: a watched word sent it to the moderators first; hidden: taken down by them.
create table dialogue_questions (
  id bigint generated always as identity primary key,
  event_id bigint not null references dialogue_events (id) on delete cascade,
  author_id text references users (id) on delete set null,
  -- the author's name is not shown to other participants (moderators still see who asked)
  anonymous boolean not null default false,
  body text not null check (length(body) between 1 and 500),
  status text not null default 'open' check (status in ('open', 'live', 'answered', 'hidden', 'held')),
  watched_pattern text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dialogue_questions_event_idx on dialogue_questions (event_id, status);
-- one live question per event at a time
create unique index dialogue_questions_live_idx on dialogue_questions (event_id) where status = 'live';

create table dialogue_question_votes (
  question_id bigint not null references dialogue_questions (id) on delete cascade,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (question_id, user_id)
);

-- Documentation after the event: summary and outcomes (rich text, the post pipeline), a recording link.
alter table dialogue_events
  add column summary_doc jsonb, add column summary_html text, add column summary_text text,
  add column outcomes_doc jsonb, add column outcomes_html text, add column outcomes_text text,
  add column recording_url text check (length(recording_url) <= 500),
  add column documented_at timestamptz;
-- The forum thread where the conversation continues after the event.
alter table dialogue_events add column followup_thread_id bigint references threads (id) on delete set null;

-- Files documenting an event (PDF and images, type read from their bytes), kept in the database.
create table dialogue_attachments (
  id bigint generated always as identity primary key,
  event_id bigint not null references dialogue_events (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  media_type text not null check (media_type in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
  size int not null,
  bytes bytea not null,
  uploaded_by text references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index dialogue_attachments_event_idx on dialogue_attachments (event_id, id);
