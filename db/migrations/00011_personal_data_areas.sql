-- Erasing an account in the areas that landed after personal data (decision 022): dialogue events, incidents,
-- self-check. Two narrow changes to rules that otherwise stay absolute.

-- 1. Incidents. The evidence tables are append-only (00007). An official's own incident log is their data:
--    when their account is erased, the log goes with it (the deletion page says so beforehand and offers the
--    case files). As a reader in other officials' access logs they keep a pseudonym, as in the moderation audit
--    log. Only `erase_incident_log(owner, pseudonym)` does this: it sets a transaction-local marker naming the
--    account being erased, and the trigger allows exactly these rows of exactly that account while it is set.
--    Every other update or delete is refused as before.
alter table incident_access_log add column reader_pseudonym text check (reader_pseudonym ~ '^former-[A-Za-z0-9_-]{8,32}$');

create or replace function incident_evidence_is_append_only() returns trigger language plpgsql as $$
declare
  erasing text := nullif(current_setting('weltoffen.erasing_incident_owner', true), '');
begin
  -- (Nested ifs: a record's fields may only be named for the tables that have them.)
  if erasing is not null and tg_op = 'DELETE' then
    if tg_table_name = 'incidents' then
      if old.owner_id = erasing then
        return old;
      end if;
    elsif tg_table_name in ('incident_records', 'incident_attachment_blobs', 'incident_head_signatures') then
      if exists (select 1 from incident_chains c where c.id = old.chain_id and c.owner_id = erasing) then
        return old;
      end if;
    elsif tg_table_name = 'incident_access_log' then
      if exists (select 1 from incidents i where i.id = old.incident_id and i.owner_id = erasing) then
        return old;
      end if;
    end if;
  end if;
  if erasing is not null and tg_op = 'UPDATE' and tg_table_name = 'incident_access_log' then
    if new.id = old.id and new.incident_id = old.incident_id and new.action = old.action and new.created_at = old.created_at
       and old.reader_id = erasing and new.reader_id is null
       and old.reader_pseudonym is null and new.reader_pseudonym is not null then
      return new;
    end if;
  end if;
  raise exception '% rows are evidence: they cannot be changed or deleted', tg_table_name using errcode = 'insufficient_privilege';
end $$;

-- The one way in. Returns the number of incidents removed.
create function erase_incident_log(owner text, pseudonym text) returns int language plpgsql as $$
declare
  removed int;
begin
  perform set_config('weltoffen.erasing_incident_owner', owner, true);
  update incident_access_log set reader_pseudonym = pseudonym, reader_id = null
   where reader_id = owner and incident_id not in (select id from incidents where owner_id = owner);
  delete from incident_access_log where incident_id in (select id from incidents where owner_id = owner);
  delete from incident_attachment_blobs where chain_id in (select id from incident_chains where owner_id = owner);
  delete from incident_head_signatures where chain_id in (select id from incident_chains where owner_id = owner);
  delete from incident_records where chain_id in (select id from incident_chains where owner_id = owner);
  delete from incidents where owner_id = owner;
  get diagnostics removed = row_count;
  delete from incident_chains where owner_id = owner;
  perform set_config('weltoffen.erasing_incident_owner', '', true);
  return removed;
end $$;

-- 2. Self-check. Answers to a closed round stay, anonymous, so the town's comments and the frozen scores stay
--    as they were: the respondent's account id is replaced by a `former-…` pseudonym. The respondent column
--    so no longer always names an account; the checks the foreign key made are kept by triggers (a new or
--    changed respondent is an existing account or a pseudonym; an account deleted otherwise takes its rows).
alter table selfcheck_answers drop constraint selfcheck_answers_round_id_user_id_fkey;
alter table selfcheck_answers add constraint selfcheck_answers_round_id_user_id_fkey
  foreign key (round_id, user_id) references selfcheck_respondents (round_id, user_id) on delete cascade on update cascade;
alter table selfcheck_respondents drop constraint selfcheck_respondents_user_id_fkey;

create function selfcheck_respondent_is_account_or_pseudonym() returns trigger language plpgsql as $$
begin
  if new.user_id ~ '^former-[A-Za-z0-9_-]{8,32}$' and tg_op = 'UPDATE' then
    return new;
  end if;
  if not exists (select 1 from users where id = new.user_id) then
    raise exception 'selfcheck respondent % is not an account', new.user_id using errcode = 'foreign_key_violation';
  end if;
  return new;
end $$;
create trigger selfcheck_respondents_account before insert or update of user_id on selfcheck_respondents
  for each row execute function selfcheck_respondent_is_account_or_pseudonym();

create function selfcheck_respondents_follow_account() returns trigger language plpgsql as $$
begin
  delete from selfcheck_respondents where user_id = old.id;
  return old;
end $$;
create trigger users_selfcheck_respondents after delete on users
  for each row execute function selfcheck_respondents_follow_account();

-- 3. A published questionnaire version never changes — except that the account which published it may be
--    erased (the network team acts for the network; the version stays, its publisher becomes unknown).
create or replace function selfcheck_templates_are_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.id = old.id and new.template_key = old.template_key and new.version = old.version
     and new.content = old.content and new.published_at = old.published_at
     and old.published_by is not null and new.published_by is null then
    return new;
  end if;
  raise exception 'a published questionnaire version never changes; publish a new version instead' using errcode = 'restrict_violation';
end $$;
