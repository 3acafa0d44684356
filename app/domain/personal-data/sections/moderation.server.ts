/**
 * Moderation: reports the member filed, decisions about them with their statements of reasons, sanctions,
 * appeals. What others rely on — the audit log, decisions, reports as evidence — stays, with the account
 * replaced by a pseudonym (audit) or by "former member" (the rest).
 */
import { exported, notExported, type PersonalDataSection } from './section.server';

const MODERATOR = 'a moderator acts for the town: what they did is the town’s record (its audit log), not the moderator’s own data';

export const moderationSection: PersonalDataSection = {
  name: 'moderation',
  tables: {
    reports: {
      reporter_id: exported,
      reporter_email: exported,
      subject_user_id: notExported('who reported the member is protected; what was decided about the member is exported with its reasons'),
    },
    moderation_decisions: { subject_user_id: exported, moderator_id: notExported(MODERATOR) },
    sanctions: { user_id: exported },
    appeals: { appellant_id: exported, decided_by: notExported(MODERATOR) },
    moderation_cases: {
      subject_user_id: notExported('an open case is the town’s working file; its outcome reaches the member as a decision with reasons (exported)'),
      claimed_by: notExported(MODERATOR),
    },
    moderation_audit_log: {
      actor_id: notExported(MODERATOR),
      subject_user_id: notExported('the log of the moderators’ work; what it records about the member is exported as decisions with reasons'),
    },
  },

  async export(tx, subject) {
    return {
      reports: await tx`
        select r.id, m.slug as town, r.target_kind, r.post_id, r.category, r.explanation, r.reporter_email, r.status, r.created_at
          from reports r join municipalities m on m.id = r.municipality_id
         where r.reporter_id = ${subject.userId} or lower(r.reporter_email) = lower(${subject.email}) order by r.id`,
      // The statement of reasons (DSA art. 17), without the moderator's name.
      moderation_decisions: await tx`
        select d.id, m.slug as town, d.action, d.post_id, d.thread_id, d.ground, d.facts, d.automated, d.ends_at, d.created_at, d.reversed_at
          from moderation_decisions d join municipalities m on m.id = d.municipality_id
         where d.subject_user_id = ${subject.userId} order by d.id`,
      sanctions: await tx`
        select s.kind, m.slug as town, s.decision_id, s.ends_at, s.lifted_at
          from sanctions s join municipalities m on m.id = s.municipality_id where s.user_id = ${subject.userId} order by s.id`,
      appeals: await tx`
        select a.id, m.slug as town, a.decision_id, a.appellant_role, a.text, a.status, a.created_at, a.decided_at, a.outcome_reasons
          from appeals a join municipalities m on m.id = a.municipality_id where a.appellant_id = ${subject.userId} order by a.id`,
    };
  },

  async erase(tx, erasure) {
    await tx`update moderation_audit_log set actor_pseudonym = ${erasure.pseudonym}, actor_id = null where actor_id = ${erasure.userId}`;
    await tx`update moderation_audit_log set subject_user_id = ${erasure.pseudonym} where subject_user_id = ${erasure.userId}`;
    await tx`update reports set reporter_email = null where lower(reporter_email) = lower(${erasure.email})`;
    // Reports, decisions, appeals and cases keep their text; their account columns become null with the account
    // (on delete set null), and sanctions go with it (on delete cascade).
  },
};
