/**
 * Dialogue events: the member's registrations (with their answers to the organiser's questions, code, status,
 * check-in), their Q&A questions and votes. Registrations for events ahead are cancelled through the
 * dialogues domain (the waiting list moves up), then all go; questions stay as "former member" or go, as the
 * member chose for their posts (decision 022).
 */
import { eraseRegistrationsOf } from '#app/domain/dialogues/registrations.server';
import { exported, notExported, type PersonalDataSection } from './section.server';

export const dialoguesSection: PersonalDataSection = {
  name: 'dialogues',
  tables: {
    dialogue_events: { created_by: notExported('an organiser creates an event for the town or the network: it is the organiser’s work for them, and the event stays when the account goes') },
    dialogue_attachments: { uploaded_by: notExported('organisers attach an event’s documents for the town or the network; the documents stay when the account goes') },
    dialogue_registrations: {
      user_id: exported,
      guest_email: exported,
      checked_in_by: notExported('who checked someone in at the door acts for the event’s organisers; the person checked in finds the time in their own export'),
    },
    dialogue_questions: { author_id: exported },
    dialogue_question_votes: { user_id: exported },
  },

  async export(tx, subject) {
    return {
      // The organiser's questions next to the answers, so that "0": "…" can be read.
      dialogue_registrations: await tx`
        select r.id, r.event_id, e.title as event_title, m.slug as town, e.starts_at as event_starts_at, r.status, r.code, r.language,
               e.questions as organiser_questions, r.answers, r.answers_deleted_at, r.guest_name, r.guest_email,
               r.created_at, r.waiting_since, r.confirmed_at, r.cancelled_at, r.checked_in_at
          from dialogue_registrations r join dialogue_events e on e.id = r.event_id left join municipalities m on m.id = e.municipality_id
         where r.user_id = ${subject.userId} or lower(r.guest_email) = lower(${subject.email}) order by r.id`,
      dialogue_questions: await tx`
        select q.id, q.event_id, e.title as event_title, q.anonymous, q.body, q.status, q.created_at, q.updated_at,
               (select count(*)::int from dialogue_question_votes v where v.question_id = q.id) as votes
          from dialogue_questions q join dialogue_events e on e.id = q.event_id where q.author_id = ${subject.userId} order by q.id`,
      // Which questions the member upvoted (their ids and events; others' questions are not copied).
      dialogue_question_votes: await tx`
        select v.question_id, q.event_id, v.created_at from dialogue_question_votes v join dialogue_questions q on q.id = v.question_id
         where v.user_id = ${subject.userId} order by v.question_id`,
    };
  },

  async erase(tx, erasure) {
    await eraseRegistrationsOf(tx, erasure);
    // Kept: author_id becomes null with the account ("former member"); votes go with it (on delete cascade).
    if (!erasure.keepPosts) await tx`delete from dialogue_questions where author_id = ${erasure.userId}`;
  },
};
