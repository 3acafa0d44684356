/**
 * Self-check: the rounds the member was invited to, their answers and comments, the advice requests they made
 * for their town. On erasure, answers to closed rounds stay under a `former-…` pseudonym, so the frozen scores
 * and the town's comments stay as they were (comments are emptied when the member chose to remove their
 * content); answers to open rounds go. Advice requests stay the town's, without the person (decision 022).
 */
import { exported, notExported, type PersonalDataSection } from './section.server';

const FOR_THE_TOWN = 'a town admin or the network team acts for the town or the network here: it is their record, and it stays without the reference when the account goes';

export const selfcheckSection: PersonalDataSection = {
  name: 'selfcheck',
  tables: {
    selfcheck_templates: { published_by: notExported(FOR_THE_TOWN) },
    selfcheck_rounds: { opened_by: notExported(FOR_THE_TOWN), closed_by: notExported(FOR_THE_TOWN) },
    selfcheck_respondents: { user_id: exported, invited_by: notExported('who invited the member is the town admin acting for the town; the invitation itself is exported') },
    selfcheck_answers: { user_id: exported },
    selfcheck_advice_requests: {
      requested_by: exported,
      consultant_id: notExported('the consultant advises for the network team; the request and its steps are exported to the town admin who asked'),
    },
    selfcheck_advice_events: {
      actor_id: notExported(FOR_THE_TOWN),
      consultant_id: notExported('the consultant advises for the network team; the steps of a request are exported with the request'),
    },
  },

  async export(tx, subject) {
    return {
      selfcheck_respondents: await tx`
        select s.round_id, m.slug as town, r.title as round_title, r.status as round_status, s.invited_at, s.last_saved_at, s.finished_at
          from selfcheck_respondents s join selfcheck_rounds r on r.id = s.round_id join municipalities m on m.id = r.municipality_id
         where s.user_id = ${subject.userId} order by s.round_id`,
      selfcheck_answers: await tx`
        select round_id, question_key, value, not_applicable, comment, updated_at from selfcheck_answers
         where user_id = ${subject.userId} order by round_id, question_key`,
      // With what happened to each request (status and notes), without the names of those who acted.
      selfcheck_advice_requests: await tx`
        select a.id, m.slug as town, a.round_id, a.dimension_key, a.message, a.preferred_format, a.status, a.created_at, a.updated_at,
               coalesce((select json_agg(json_build_object('status', e.status, 'note', e.note, 'at', e.created_at) order by e.id)
                           from selfcheck_advice_events e where e.request_id = a.id), '[]'::json) as steps
          from selfcheck_advice_requests a join municipalities m on m.id = a.municipality_id
         where a.requested_by = ${subject.userId} order by a.id`,
    };
  },

  async erase(tx, erasure) {
    const closed = tx`select id from selfcheck_rounds where status = 'closed'`;
    if (!erasure.keepPosts) {
      await tx`update selfcheck_answers set comment = '' where user_id = ${erasure.userId} and round_id in (${closed}) and comment <> ''`;
    }
    // The answers follow (on update cascade); a pseudonym is not an account (migration 00011).
    await tx`update selfcheck_respondents set user_id = ${erasure.pseudonym} where user_id = ${erasure.userId} and round_id in (${closed})`;
    await tx`delete from selfcheck_respondents where user_id = ${erasure.userId}`;
    // Advice requests, rounds and templates keep their text; requested_by and the rest become null with the account.
  },
};
