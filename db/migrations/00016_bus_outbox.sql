-- With REALTIME_BUS=redis-streams (decision 020) a write's bus messages are rows here, inserted in the
-- writing transaction, so only committed facts are relayed; the relay (server/realtime/outbox-relay.ts)
-- deletes what it has handed to the Socket.IO adapter in the same transaction that read it. With NOTIFY (the
-- default) the table stays empty.
create table bus_outbox (
  id bigint generated always as identity primary key,
  message jsonb not null,
  created_at timestamptz not null default now()
);
