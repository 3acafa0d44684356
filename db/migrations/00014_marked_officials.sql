-- Any staff member or council member (a member) of a town can be marked as an official: they keep an incident
-- log and may shield themselves. The 'official' role (a mayor, say) and town admins are officials by role.
-- `is_official` is the one place that rule lives; the app and every query read it.
alter table memberships add column marked_official boolean not null default false;
alter table memberships
  add column is_official boolean generated always as (marked_official or role in ('official', 'admin')) stored;
