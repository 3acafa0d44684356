-- The incident list shows a trust person an excerpt of each incident shared with them: that is a read of the
-- incident, logged like any other (action 'list'), and shown to its owner.
alter table incident_access_log drop constraint incident_access_log_action_check;
alter table incident_access_log
  add constraint incident_access_log_action_check check (action in ('view', 'case_file', 'verify', 'attachment', 'list'));
