/**
 * Telling people about moderation: the affected author and the reporters of a case hear of the decision,
 * appellants of the outcome — in the app (pushed live) and by e-mail, in their own language. Guests who
 * left an address get the e-mail only.
 */
import type { Tx } from '#app/database/client.server';
import { publish } from '#app/domain/bus.server';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';
import { settings } from '#app/env.server';

type NoticeKind = 'decision' | 'appeal_outcome';

export async function noticeToMember(tx: Tx, userId: string, townId: number, kind: NoticeKind, decisionId: number, link: string): Promise<void> {
  const [user] = await tx`select email, language from users where id = ${userId}`;
  if (!user) return;
  const [town] = await tx`select name from municipalities where id = ${townId}`;
  // Mailed at once below, so the daily digest leaves it out.
  await tx`insert into notifications (user_id, municipality_id, kind, decision_id, emailed_at) values (${userId}, ${townId}, ${kind}, ${decisionId}, now())`;
  await publish(tx, { type: 'notifications:created', userIds: [userId] });
  await enqueueMail(tx, renderMail(kind === 'decision' ? 'moderationDecision' : 'appealOutcome', user.email, user.language, { town: town.name, link }));
}

/** Reporters of a case: members in the app and by mail, guests by mail if they gave an address. */
export async function noticeToReporters(tx: Tx, caseId: number, townId: number, decision: { id: number; action: string }): Promise<void> {
  const reporters = await tx`
    select distinct reporter_id, reporter_email from reports where case_id = ${caseId} and not automated`;
  const [town] = await tx`select name, default_language from municipalities where id = ${townId}`;
  for (const reporter of reporters) {
    if (reporter.reporterId) {
      await noticeToMember(tx, reporter.reporterId, townId, 'decision', decision.id, decisionLink(decision.id));
    } else if (reporter.reporterEmail) {
      // Guests cannot open the statement page; the mail says what was decided.
      await enqueueMail(tx, renderMail('reportOutcomeGuest', reporter.reporterEmail, town.defaultLanguage, { town: town.name, action: decision.action }));
    }
  }
}

/**
 * A guest's question hidden by a decision (the one decision against a guest: they have no account to warn
 * or suspend): they have no account to read the statement of reasons in, so the
 * mail carries it (DSA art. 17), with where to turn if they disagree.
 */
export async function noticeToGuestAsker(tx: Tx, questionId: number, townId: number, decision: { ground: string; facts: string }): Promise<void> {
  const [asker] = await tx`
    select g.guest_email, g.guest_name, e.title as event_title, m.name as town_name, m.default_language
      from dialogue_questions q join dialogue_registrations g on g.id = q.guest_registration_id
      join dialogue_events e on e.id = q.event_id join municipalities m on m.id = ${townId}
     where q.id = ${questionId} and g.guest_email is not null`;
  if (!asker) return;
  await enqueueMail(
    tx,
    renderMail('questionDecisionGuest', asker.guestEmail, asker.defaultLanguage, {
      name: asker.guestName ?? '',
      town: asker.townName,
      event: asker.eventTitle,
      ground: decision.ground,
      facts: decision.facts,
      legal: `${settings().publicOrigin}/legal`,
    }),
  );
}

export const decisionLink = (decisionId: number) => `${settings().publicOrigin}/decisions/${decisionId}`;
