/** This area's own rows: earlier copies the member asked for, and a pending deletion. */
import { exported, type PersonalDataSection } from './section.server';

export const personalDataSection: PersonalDataSection = {
  name: 'personal-data',
  tables: {
    data_exports: { user_id: exported },
    account_deletions: { user_id: exported },
  },

  async export(tx, subject) {
    return {
      // What was asked for and when; not the archives themselves.
      data_exports: await tx`select id, status, requested_at, ready_at, expires_at, size_bytes from data_exports where user_id = ${subject.userId} order by id`,
      account_deletions: await tx`select keep_posts, requested_at, erase_after from account_deletions where user_id = ${subject.userId}`,
    };
  },

  // Both go with the account row (on delete cascade).
  async erase() {},
};
