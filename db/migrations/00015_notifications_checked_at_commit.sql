-- A new reply's notifications are written before the thread's row is locked, under the post id taken from
-- the sequence ahead (app/domain/posting/posting.server.ts); the post row follows in the same transaction, so
-- that its notifications point at an existing post is checked at commit.
alter table notifications alter constraint notifications_post_id_fkey deferrable initially deferred;
