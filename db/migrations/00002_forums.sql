-- Dialogue forums: forums per town, threads, posts (Tiptap JSON + rendered HTML), edit history,
-- read markers, subscriptions and notifications.

alter table municipalities
  add column posts_per_window int not null default 10 check (posts_per_window > 0),
  add column post_window_seconds int not null default 300 check (post_window_seconds > 0);

alter table users add column notification_digest text not null default 'off' check (notification_digest in ('off', 'daily'));
alter table users add column digest_sent_at timestamptz;

create table forums (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  description text not null default '',
  position int not null default 0,
  staff_only_posting boolean not null default false,
  created_at timestamptz not null default now(),
  unique (municipality_id, slug)
);

create table threads (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  forum_id bigint not null references forums (id) on delete cascade,
  title text not null,
  author_id text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_post_at timestamptz not null default date_trunc('milliseconds', now()), -- ms, like the paging cursor
  -- posts ever written (positions are never reused, so pages stay stable) and posts still visible
  post_count int not null default 0,
  visible_post_count int not null default 0,
  locked boolean not null default false,
  pinned boolean not null default false
);
create index threads_forum_activity_idx on threads (forum_id, pinned desc, last_post_at desc, id desc);

create table posts (
  id bigint generated always as identity primary key,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  thread_id bigint not null references threads (id) on delete cascade,
  -- 1, 2, 3 … within the thread: page N is a range scan, whatever N is
  position int not null,
  author_id text references users (id) on delete set null,
  body jsonb not null,
  body_html text not null,
  body_text text not null,
  language text not null,
  language_source text not null default 'detected' check (language_source in ('detected', 'author')),
  quoted_post_id bigint references posts (id) on delete set null,
  search_vector tsvector not null,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  unique (thread_id, position)
);
create index posts_thread_language_idx on posts (thread_id, language, position);
create index posts_search_idx on posts using gin (search_vector);
create index posts_town_idx on posts (municipality_id, id);

create table post_revisions (
  id bigint generated always as identity primary key,
  post_id bigint not null references posts (id) on delete cascade,
  body_html text not null,
  edited_by text references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index post_revisions_post_idx on post_revisions (post_id, id);

create table thread_reads (
  user_id text not null references users (id) on delete cascade,
  thread_id bigint not null references threads (id) on delete cascade,
  last_read_position int not null,
  primary key (user_id, thread_id)
);

create table thread_subscriptions (
  user_id text not null references users (id) on delete cascade,
  thread_id bigint not null references threads (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, thread_id)
);
create index thread_subscriptions_thread_idx on thread_subscriptions (thread_id);

create table notifications (
  id bigint generated always as identity primary key,
  user_id text not null references users (id) on delete cascade,
  municipality_id bigint not null references municipalities (id) on delete cascade,
  kind text not null check (kind in ('reply', 'quote')),
  thread_id bigint not null references threads (id) on delete cascade,
  post_id bigint not null references posts (id) on delete cascade,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  emailed_at timestamptz
);
create index notifications_user_idx on notifications (user_id, id desc);
create index notifications_digest_idx on notifications (user_id) where read_at is null and emailed_at is null;
