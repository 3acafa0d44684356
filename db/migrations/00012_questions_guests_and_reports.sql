-- Live Q&A, two additions (decision 024).

-- 1. Guests. Where an event admits guests, a guest whose registration is confirmed may ask and upvote, known
--    by that registration (the link in their confirmation mail), not by an account.
alter table dialogue_questions
  add column guest_registration_id bigint references dialogue_registrations (id) on delete set null;

alter table dialogue_question_votes drop constraint dialogue_question_votes_pkey;
alter table dialogue_question_votes
  alter column user_id drop not null,
  add column guest_registration_id bigint references dialogue_registrations (id) on delete cascade,
  add constraint dialogue_question_votes_one_voter check (num_nonnulls(user_id, guest_registration_id) = 1);
create unique index dialogue_question_votes_member_idx on dialogue_question_votes (question_id, user_id) where user_id is not null;
create unique index dialogue_question_votes_guest_idx on dialogue_question_votes (question_id, guest_registration_id) where guest_registration_id is not null;

-- 2. Reports. A question can be reported like a post: the report opens a case in a town's moderation queue,
--    and the decision (hide, approve, dismiss; a sanction for the asker) follows the same due process.
alter table moderation_cases drop constraint moderation_cases_target_kind_check;
alter table moderation_cases
  add constraint moderation_cases_target_kind_check check (target_kind in ('post', 'user', 'question')),
  add column question_id bigint references dialogue_questions (id) on delete cascade,
  add constraint moderation_cases_question_target check ((target_kind = 'question') = (question_id is not null));
create unique index moderation_cases_open_question_idx on moderation_cases (question_id) where status = 'open' and target_kind = 'question';

alter table reports drop constraint reports_target_kind_check;
alter table reports
  add constraint reports_target_kind_check check (target_kind in ('post', 'user', 'question')),
  add column question_id bigint references dialogue_questions (id) on delete cascade;
create unique index reports_one_open_question_idx on reports (reporter_id, question_id) where status = 'open' and question_id is not null;

alter table moderation_decisions
  add column question_id bigint references dialogue_questions (id) on delete set null;
