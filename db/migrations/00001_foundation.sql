-- Foundation: people, sessions, towns, roles, invitations, mail outbox, throttling, accessibility feedback.

create table users (
  id text primary key,
  email text not null,
  email_verified_at timestamptz,
  display_name text not null,
  password_hash text not null,
  language text not null default 'de',
  is_network_team boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- lucia v3 session table (PostgresJsAdapter): id, user_id, expires_at.
create table user_sessions (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  expires_at timestamptz not null
);
create index user_sessions_user_idx on user_sessions (user_id);

-- One-time tokens for e-mail verification and password reset; only a hash is stored.
create table user_tokens (
  token_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index user_tokens_user_idx on user_tokens (user_id, purpose);

create table municipalities (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  state text not null,
  default_language text not null,
  languages text[] not null,
  created_at timestamptz not null default now(),
  check (default_language = any (languages))
);

create table memberships (
  municipality_id bigint not null references municipalities (id) on delete cascade,
  user_id text not null references users (id) on delete cascade,
  role text not null check (role in ('member', 'moderator', 'organiser', 'official', 'admin')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

create table invitations (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  email text not null,
  role text not null check (role in ('moderator', 'organiser', 'official', 'admin')),
  token_hash text not null unique,
  invited_by text references users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by text references users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_town_idx on invitations (municipality_id, created_at desc);

-- Every mail goes through here first, so nothing is lost while SMTP is down.
create table mail_outbox (
  id bigint generated always as identity primary key,
  recipient text not null,
  subject text not null,
  body_text text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index mail_outbox_pending_idx on mail_outbox (next_attempt_at) where status = 'pending';

-- Failed sign-ins and sign-ups, per account and per IP; kept in the database so every process agrees.
create table throttle_events (
  id bigint generated always as identity primary key,
  bucket text not null,
  occurred_at timestamptz not null default now()
);
create index throttle_events_bucket_idx on throttle_events (bucket, occurred_at);

-- Reports of accessibility barriers (BITV 2.0 feedback mechanism).
create table accessibility_feedback (
  id bigint generated always as identity primary key,
  page_url text not null,
  description text not null,
  contact_email text,
  user_id text references users (id) on delete set null,
  created_at timestamptz not null default now()
);
