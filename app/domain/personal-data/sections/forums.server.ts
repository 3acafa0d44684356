/** The forums: threads started, posts with their history, reading positions, follows and notifications. */
import { publish } from '#app/domain/bus.server';
import { exported, type PersonalDataSection } from './section.server';

const EMPTY_DOC = { type: 'doc', content: [] };
const LIVE_LIMIT = 200;

export const forumsSection: PersonalDataSection = {
  name: 'forums',
  tables: {
    threads: { author_id: exported },
    posts: { author_id: exported },
    post_revisions: { edited_by: exported },
    thread_reads: { user_id: exported },
    thread_subscriptions: { user_id: exported },
    notifications: { user_id: exported },
  },

  async export(tx, subject) {
    return {
      threads: await tx`
        select t.id, m.slug as town, t.title, t.created_at from threads t join municipalities m on m.id = t.municipality_id
         where t.author_id = ${subject.userId} order by t.id`,
      // The text as written (the editor's JSON and plain text); other people's posts appear as ids only.
      posts: await tx`
        select p.id, m.slug as town, p.thread_id, p.position, p.body, p.body_text, p.language, p.status, p.quoted_post_id,
               p.created_at, p.edited_at, p.deleted_at
          from posts p join municipalities m on m.id = p.municipality_id where p.author_id = ${subject.userId} order by p.id`,
      post_revisions: await tx`
        select r.post_id, r.body_html, r.created_at from post_revisions r where r.edited_by = ${subject.userId} order by r.id`,
      thread_reads: await tx`select thread_id, last_read_position from thread_reads where user_id = ${subject.userId} order by thread_id`,
      thread_subscriptions: await tx`select thread_id, created_at from thread_subscriptions where user_id = ${subject.userId} order by thread_id`,
      notifications: await tx`
        select kind, thread_id, post_id, decision_id, created_at, read_at, emailed_at from notifications
         where user_id = ${subject.userId} order by id`,
    };
  },

  async erase(tx, erasure) {
    if (erasure.keepPosts) return; // posts and threads stay; author_id becomes null: "former member"
    // Threads only the member wrote in go whole — unless moderation has a case about one of their posts: reports
    // and cases are the town's record (and its transparency figures), so such a thread stays, its posts emptied.
    // In others' threads the member's posts become placeholders (positions stay, so everyone else's replies keep
    // their place and their links).
    await tx`
      delete from threads t where t.author_id = ${erasure.userId}
         and not exists (select 1 from posts p where p.thread_id = t.id and p.author_id is distinct from ${erasure.userId})
         and not exists (select 1 from posts p join moderation_cases c on c.post_id = p.id where p.thread_id = t.id)`;
    const removed = await tx`
      update posts set body = ${tx.json(EMPTY_DOC as never)}, body_html = '', body_text = '', search_vector = ''::tsvector,
                       client_key = null, deleted_at = coalesce(deleted_at, now())
       where author_id = ${erasure.userId}
      returning id, thread_id, status, (deleted_at = now()) as newly_deleted`;
    if (removed.length === 0) return;
    await tx`delete from post_revisions where post_id in ${tx(removed.map((row) => row.id))}`;
    const visibleGone = new Map<number, number>();
    for (const row of removed) {
      if (row.status === 'published' && row.newlyDeleted) visibleGone.set(row.threadId, (visibleGone.get(row.threadId) ?? 0) + 1);
    }
    for (const [threadId, count] of visibleGone) {
      await tx`update threads set visible_post_count = greatest(visible_post_count - ${count}, 0) where id = ${threadId}`;
    }
    // A held post nobody will read needs no decision any more (as when its author deletes it).
    const withdrawn = await tx`update moderation_cases set status = 'decided', decided_at = now(), claimed_by = null
                                where post_id in ${tx(removed.map((row) => row.id))} and status = 'open' and held
                                returning id, municipality_id`;
    for (const row of withdrawn) await publish(tx, { type: 'queue:changed', townId: Number(row.municipalityId), caseId: Number(row.id) });
    // Open threads show the placeholders at once (a reload shows them anyway beyond this many).
    const live = await tx`select p.id, p.thread_id, p.municipality_id, t.forum_id from posts p join threads t on t.id = p.thread_id
                           where p.id in ${tx(removed.map((row) => row.id))} limit ${LIVE_LIMIT}`;
    for (const row of live) {
      await publish(tx, { type: 'post:deleted', townId: Number(row.municipalityId), forumId: Number(row.forumId), threadId: Number(row.threadId), postId: Number(row.id) });
    }
  },
};
