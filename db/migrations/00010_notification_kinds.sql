-- The kinds of in-app notices, all in one place: dialogue events (00006), self-check (00008) and personal data (00009) each
-- added their own, and each migration's constraint names only the kinds known when it was written.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('reply', 'quote', 'report_received', 'decision', 'appeal_outcome', 'event_promoted', 'event_cancelled', 'export_ready', 'advice_update'));
