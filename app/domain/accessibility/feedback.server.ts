/**
 * Reports of accessibility barriers (BITV 2.0 § 7 feedback mechanism). Stored, then mailed to the
 * accessibility contact; the reporter gets a receipt when they left an address.
 */
import { sql } from '#app/database/client.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { assertNotThrottled, recordAttempt, throttleRules } from '#app/domain/auth/throttle.server';
import { enqueueMail } from '#app/domain/mail/outbox.server';
import { renderMail } from '#app/domain/mail/templates.server';
import type { ClientFacts } from '#app/domain/auth/accounts.server';
import { settings } from '#app/env.server';



export async function submitFeedback(
  actor: MaybeActor,
  input: { pageUrl: string; description: string; contactEmail?: string } & ClientFacts,
): Promise<{ reference: number }> {
  const rule = throttleRules.feedbackPerIp(input.ip);
  await assertNotThrottled(sql, [rule]);
  return sql.begin(async (tx) => {
    await recordAttempt(tx, [rule]);
    const contact = input.contactEmail ?? actor?.email ?? null;
    const [row] = await tx`
      insert into accessibility_feedback (page_url, description, contact_email, user_id)
      values (${input.pageUrl}, ${input.description}, ${contact}, ${actor?.userId ?? null}) returning id`;
    const values = { reference: String(row.id), page: input.pageUrl, description: input.description, contact: contact ?? '—' };
    await enqueueMail(tx, renderMail('accessibilityFeedback', settings().accessibilityContact, 'de', values));
    return { reference: row.id as number };
  });
}
