-- Safety and truthfulness: a post sent twice (a second click) is stored once; forum names per language;
-- sign-in that an attacker cannot block (known devices, mailed sign-in links); mail that demo data or
-- reserved addresses must never send out.

-- The composer sends a key of its own with each post; the same key from the same author is the same post.
alter table posts add column client_key text check (client_key ~ '^[A-Za-z0-9_-]{8,64}$');
create unique index posts_author_client_key_idx on posts (author_id, client_key) where client_key is not null;

-- A forum's name and description per language ({"ar": "…", "en": "…"}); the plain columns hold the town's default language.
alter table forums add column name_translations jsonb not null default '{}' check (jsonb_typeof(name_translations) = 'object'),
                   add column description_translations jsonb not null default '{}' check (jsonb_typeof(description_translations) = 'object');

-- Mailed one-time sign-in links, beside verification and reset.
alter table user_tokens drop constraint user_tokens_purpose_check;
alter table user_tokens add constraint user_tokens_purpose_check check (purpose in ('verify_email', 'reset_password', 'sign_in'));

-- A browser that signed in to an account before: it may still sign in while strangers' failed attempts
-- throttle the account. Only a hash of the device cookie is kept.
create table known_devices (
  token_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now()
);
create index known_devices_user_idx on known_devices (user_id, last_used_at desc);

-- local: kept for the development mailbox only (no SMTP was configured when it was written);
-- undeliverable: addressed to a reserved domain (.invalid, .example, .test, .localhost), never sent.
alter table mail_outbox drop constraint mail_outbox_status_check;
alter table mail_outbox add constraint mail_outbox_status_check check (status in ('pending', 'sent', 'failed', 'local', 'undeliverable'));
-- Files a mail carries (a calendar entry for an event registration).
alter table mail_outbox add column attachments jsonb;
-- Hiding an opening post used to hide its whole thread (and everyone's replies in it); it now leaves a placeholder.
update threads t set held = false
 where t.held and exists (select 1 from posts p where p.thread_id = t.id and p.position = 1 and p.status = 'hidden');
