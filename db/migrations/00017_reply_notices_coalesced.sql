-- A follower's unread reply notice for a thread, not yet mailed in a digest, stands for that reply and every
-- later one (decision 027): a new reply adds a row only for followers without one. This index answers "has
-- one" for all of a thread's followers at once, from the posting transaction.
create index notifications_open_reply_idx on notifications (thread_id, user_id)
  where kind = 'reply' and read_at is null and emailed_at is null;
