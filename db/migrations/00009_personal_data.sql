-- Personal data (GDPR arts. 15–20): exports a member downloads, account deletion after a grace period, and
-- counts per town that outlive both. Decisions 018 (registry of sections) and 019 (deletion and retention).

-- A copy of one account's data, built by a job; the archive is kept for 7 days, then pruned.
create table data_exports (
  id bigint generated always as identity primary key,
  user_id text not null references users (id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
  requested_at timestamptz not null default now(),
  ready_at timestamptz,
  expires_at timestamptz,
  archive bytea,
  size_bytes int,
  check (archive is null or status = 'ready')
);
create index data_exports_user_idx on data_exports (user_id, id desc);
create index data_exports_expiry_idx on data_exports (expires_at) where archive is not null;

-- An account that asked to be deleted: erased by a job once erase_after has passed, unless cancelled
-- (the row goes). The row goes with the account, too.
create table account_deletions (
  user_id text primary key references users (id) on delete cascade,
  keep_posts boolean not null,
  requested_at timestamptz not null default now(),
  erase_after timestamptz not null
);
create index account_deletions_due_idx on account_deletions (erase_after);

-- Counts only: one row per export and per erased account and town. No reference to a person.
create table personal_data_events (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('export', 'deletion')),
  municipality_id bigint references municipalities (id) on delete cascade,
  occurred_at timestamptz not null default now()
);
create index personal_data_events_town_idx on personal_data_events (municipality_id, kind);

-- "Your copy is ready": a notification that belongs to no town.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('reply', 'quote', 'report_received', 'decision', 'appeal_outcome', 'export_ready'));
alter table notifications alter column municipality_id drop not null;
alter table notifications add column export_id bigint references data_exports (id) on delete cascade;

-- The audit log keeps a pseudonymous reference to an erased account: the same "former-…" pseudonym in place
-- of the account id, wherever the account acted or was acted on, so the log still shows one person's actions
-- as one person's. Only this change (and the earlier one, an account id becoming null) may be made to a row.
alter table moderation_audit_log add column actor_pseudonym text check (actor_pseudonym ~ '^former-[A-Za-z0-9_-]{8,32}$');

create or replace function moderation_audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.id = old.id and new.municipality_id = old.municipality_id and new.action = old.action
     and new.details = old.details and new.created_at = old.created_at
     and new.case_id is not distinct from old.case_id and new.decision_id is not distinct from old.decision_id
     and new.appeal_id is not distinct from old.appeal_id and new.post_id is not distinct from old.post_id
     and new.thread_id is not distinct from old.thread_id
     and (new.actor_id is not distinct from old.actor_id or (old.actor_id is not null and new.actor_id is null))
     and (new.actor_pseudonym is not distinct from old.actor_pseudonym or (old.actor_pseudonym is null and old.actor_id is not null and new.actor_id is null))
     and (new.subject_user_id is not distinct from old.subject_user_id or (old.subject_user_id is not null and new.subject_user_id ~ '^former-'))
  then
    return new;
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from municipalities where id = old.municipality_id) then
    return old;
  end if;
  -- Retention (docs/retention.md): rows older than three years are pruned by the scheduled job.
  if tg_op = 'DELETE' and old.created_at < now() - interval '3 years' then
    return old;
  end if;
  raise exception 'moderation audit rows cannot be changed or deleted' using errcode = 'insufficient_privilege';
end $$;
