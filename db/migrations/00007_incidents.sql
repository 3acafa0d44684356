-- Incident log of officials: append-only evidence chains (one per official), content sealed with
-- AES-256-GCM by the app (the database only ever sees ciphertext), signed chain heads, trust persons,
-- a log of every read, and the support directory per federal state. See docs/decisions/014 and 015.

create function incident_evidence_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% rows are evidence: they cannot be changed or deleted', tg_table_name using errcode = 'insufficient_privilege';
end $$;

-- One chain per official; the row is locked to append (so two records never take one place).
create table incident_chains (
  id bigint generated always as identity primary key,
  owner_id text not null unique references users (id) on delete restrict,
  created_at timestamptz not null default now()
);

-- An incident: who keeps it, in which town, and what counts may say about it (kind and month as first
-- recorded, never content). Its content lives in the chain.
create table incidents (
  id bigint generated always as identity primary key,
  chain_id bigint not null references incident_chains (id) on delete restrict,
  owner_id text not null references users (id) on delete restrict,
  municipality_id bigint not null references municipalities (id) on delete restrict,
  -- 1, 2, 3 … per official: the reference shown to people is "<year>-<number>"
  number int not null,
  kind text not null,
  created_at timestamptz not null default now(),
  unique (owner_id, number)
);
create index incidents_owner_idx on incidents (owner_id, id desc);
create index incidents_town_idx on incidents (municipality_id, created_at);

-- The chain: every revision, follow-up, attachment and secured post, in order. `content` is the sealed
-- canonical JSON of the record's content; `received_at` the exact ISO text that was hashed.
create table incident_records (
  chain_id bigint not null references incident_chains (id) on delete restrict,
  sequence int not null check (sequence > 0),
  incident_id bigint not null references incidents (id) on delete restrict,
  kind text not null check (kind in ('incident_revision', 'attachment', 'evidence_snapshot', 'status_follow_up')),
  received_at text not null,
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  previous_hash text not null check (previous_hash ~ '^[0-9a-f]{64}$'),
  record_hash text not null check (record_hash ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  -- A secured post: which one (for the shield link); the snapshot itself is in `content`.
  post_id bigint,
  primary key (chain_id, sequence)
);
create index incident_records_incident_idx on incident_records (incident_id, sequence);

-- The original bytes of an attachment record, sealed; kept apart from the chained metadata.
create table incident_attachment_blobs (
  chain_id bigint not null,
  sequence int not null,
  bytes bytea not null,
  primary key (chain_id, sequence),
  foreign key (chain_id, sequence) references incident_records (chain_id, sequence) on delete restrict
);

-- Each head the server signed (Ed25519 over the canonical message text).
create table incident_head_signatures (
  chain_id bigint not null references incident_chains (id) on delete restrict,
  sequence int not null,
  message_text text not null,
  signature text not null,
  public_key_fingerprint text not null,
  created_at timestamptz not null default now(),
  primary key (chain_id, sequence)
);

-- Every read of an incident, shown to its owner.
create table incident_access_log (
  id bigint generated always as identity primary key,
  incident_id bigint not null references incidents (id) on delete restrict,
  reader_id text references users (id) on delete restrict,
  action text not null check (action in ('view', 'case_file', 'verify', 'attachment')),
  created_at timestamptz not null default now()
);
create index incident_access_log_incident_idx on incident_access_log (incident_id, id desc);

create trigger incidents_append_only before update or delete on incidents for each row execute function incident_evidence_is_append_only();
create trigger incident_records_append_only before update or delete on incident_records for each row execute function incident_evidence_is_append_only();
create trigger incident_attachment_blobs_append_only before update or delete on incident_attachment_blobs for each row execute function incident_evidence_is_append_only();
create trigger incident_head_signatures_append_only before update or delete on incident_head_signatures for each row execute function incident_evidence_is_append_only();
create trigger incident_access_log_append_only before update or delete on incident_access_log for each row execute function incident_evidence_is_append_only();
create trigger incidents_no_truncate before truncate on incidents for each statement execute function incident_evidence_is_append_only();
create trigger incident_records_no_truncate before truncate on incident_records for each statement execute function incident_evidence_is_append_only();
create trigger incident_attachment_blobs_no_truncate before truncate on incident_attachment_blobs for each statement execute function incident_evidence_is_append_only();
create trigger incident_head_signatures_no_truncate before truncate on incident_head_signatures for each statement execute function incident_evidence_is_append_only();
create trigger incident_access_log_no_truncate before truncate on incident_access_log for each statement execute function incident_evidence_is_append_only();

-- People an official trusts to read all of their incidents (any account); revoking ends it, the row stays.
create table incident_trust_persons (
  id bigint generated always as identity primary key,
  owner_id text not null references users (id) on delete cascade,
  trustee_id text not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  check (owner_id <> trustee_id)
);
create unique index incident_trust_persons_active_idx on incident_trust_persons (owner_id, trustee_id) where revoked_at is null;
create index incident_trust_persons_trustee_idx on incident_trust_persons (trustee_id) where revoked_at is null;

-- Where officials find help, per federal state ('DE' for the whole country); kept by the network team.
create table support_directory (
  id bigint generated always as identity primary key,
  state text not null,
  name text not null,
  description text not null default '',
  url text,
  phone text,
  position int not null default 0,
  created_at timestamptz not null default now()
);
create index support_directory_state_idx on support_directory (state, position, id);
