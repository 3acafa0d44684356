/** The account itself: profile, sessions, devices, town memberships, invitations, mail, sign-in limits, barrier reports. */
import { exported, notExported, type PersonalDataSection } from './section.server';

export const accountSection: PersonalDataSection = {
  name: 'account',
  tables: {
    users: { email: exported },
    user_sessions: { user_id: exported },
    user_tokens: { user_id: notExported('only hashes of one-time links are stored, valid for at most 48 hours; there is nothing readable to copy') },
    known_devices: { user_id: exported },
    memberships: { user_id: exported },
    invitations: {
      email: exported,
      accepted_by: exported,
      invited_by: notExported('whom a town admin invited is the town’s record of its staff; the invited person finds the invitation in their own export'),
    },
    mail_outbox: { recipient: exported },
    throttle_events: { bucket: notExported('counts of failed sign-ins, kept for one day; the key names an address, but a row says nothing else') },
    accessibility_feedback: { user_id: exported, contact_email: exported },
  },

  async export(tx, subject) {
    return {
      users: await tx`
        select id, email, email_verified_at, display_name, language, is_network_team, notification_digest, digest_sent_at, created_at
          from users where id = ${subject.userId}`,
      // Neither session ids nor device hashes: they are keys to the account.
      user_sessions: await tx`select expires_at from user_sessions where user_id = ${subject.userId} order by expires_at`,
      known_devices: await tx`select created_at, last_used_at from known_devices where user_id = ${subject.userId} order by created_at`,
      memberships: await tx`
        select m.slug as town, m.name as town_name, ms.role, ms.is_official, ms.shielded, ms.created_at, ms.updated_at
          from memberships ms join municipalities m on m.id = ms.municipality_id where ms.user_id = ${subject.userId} order by ms.created_at`,
      invitations: await tx`
        select m.slug as town, i.role, i.created_at, i.expires_at, i.accepted_at, i.revoked_at
          from invitations i join municipalities m on m.id = i.municipality_id
         where lower(i.email) = lower(${subject.email}) or i.accepted_by = ${subject.userId} order by i.id`,
      mail_outbox: await tx`
        select recipient, subject, body_text, status, created_at, sent_at from mail_outbox
         where lower(recipient) = lower(${subject.email}) order by id`,
      accessibility_feedback: await tx`
        select page_url, description, contact_email, created_at from accessibility_feedback
         where user_id = ${subject.userId} or lower(contact_email) = lower(${subject.email}) order by id`,
    };
  },

  async erase(tx, erasure) {
    await tx`delete from mail_outbox where lower(recipient) = lower(${erasure.email})`;
    // Mail to others may name the member (an invitation names who sent it; a barrier report, the reporter's address).
    for (const value of [erasure.email, erasure.displayName]) {
      if (value.length < 3) continue; // a two-letter name would blank unrelated words
      await tx`update mail_outbox set subject = replace(subject, ${value}, '—'), body_text = replace(body_text, ${value}, '—')
                where position(${value} in subject) > 0 or position(${value} in body_text) > 0`;
    }
    await tx`delete from throttle_events where position(${erasure.email.toLowerCase()} in lower(bucket)) > 0 or position(${erasure.userId} in bucket) > 0`;
    await tx`delete from invitations where lower(email) = lower(${erasure.email})`;
    await tx`update accessibility_feedback set contact_email = null where lower(contact_email) = lower(${erasure.email})`;
    // Sessions, tokens, devices and memberships go with the account row (on delete cascade).
  },
};
