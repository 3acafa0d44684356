/**
 * A live thread page: joins the thread's room, merges what arrives live with what the page loaded, and
 * after every (re)connect catches up on what it missed since the last post it has — batch by batch until
 * complete — so nothing is missed, shown twice, or announced twice.
 *
 * A new post of someone else appears in place when the reader is at the end of the posts (and is announced
 * politely); a reader scrolled further up gets a "N new posts" button instead. A post the page's own data
 * already holds (after a reload or revalidation) is never also counted as new.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostView } from '#app/domain/forums/types';
import type { SocketAck } from './events';
import { connectSocket } from './socket-client';
import { useRoom, useSocketEvents } from './use-room';

/** At most this many catch-up batches after a reconnect; beyond that the reader is asked to reload. */
const MAX_CATCH_UP_BATCHES = 10;
const TYPING_SHOWN_MS = 5000;

interface LiveThreadOptions {
  threadId: number;
  /** The posts of the loaded page, in position order. */
  pagePosts: PostView[];
  /** The highest position already on the page: catch-up starts after it. */
  lastPosition: number;
  /** On the thread's last page without a language filter: new posts belong on this page. */
  live: boolean;
  currentUserId: string | null;
  /** Re-read the page (after a reconnect, edits made meanwhile; after a moderator changed the thread). */
  onResync: () => void;
}

/** Can the reader see the end of the posts (so new ones may simply appear), or are they reading further up? */
function atEndOfPosts() {
  const last = document.querySelector('.posts > .post:last-child');
  return !last || last.getBoundingClientRect().bottom <= window.innerHeight + 100;
}

export function useLiveThread({ threadId, pagePosts, lastPosition, live, currentUserId, onResync }: LiveThreadOptions) {
  const { t } = useTranslation('forums');
  const [extra, setExtra] = useState<PostView[]>([]);
  const [waiting, setWaiting] = useState<PostView[]>([]);
  const [changes, setChanges] = useState<Record<number, PostView | 'deleted'>>({});
  const [newElsewhere, setNewElsewhere] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [readers, setReaders] = useState<number | null>(null);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const [catchUpIncomplete, setCatchUpIncomplete] = useState(false);
  const last = useRef(lastPosition);
  if (lastPosition > last.current) last.current = lastPosition;

  const known = useMemo(() => new Set([...pagePosts, ...extra].map((post) => post.id)), [pagePosts, extra]);
  // Waiting posts the page has meanwhile loaded itself are not "new" any more.
  const pending = useMemo(() => waiting.filter((post) => !known.has(post.id)), [waiting, known]);

  useEffect(() => {
    const loaded = new Set(pagePosts.map((post) => post.id));
    setExtra((current) => (current.some((post) => loaded.has(post.id)) ? current.filter((post) => !loaded.has(post.id)) : current));
  }, [pagePosts]);

  const state = useRef({ known, pending, live, currentUserId });
  state.current = { known, pending, live, currentUserId };

  const receive = useCallback(
    (posts: PostView[]) => {
      const mine = posts.filter((post) => post.threadId === threadId);
      if (!mine.length) return;
      last.current = Math.max(last.current, ...mine.map((post) => post.position));
      // Whoever just posted is no longer writing.
      const authors = new Set(mine.map((post) => post.authorId));
      setTyping((all) => (Object.keys(all).some((id) => authors.has(id)) ? Object.fromEntries(Object.entries(all).filter(([id]) => !authors.has(id))) : all));
      const { known, pending, live, currentUserId } = state.current;
      const fresh = mine.filter((post) => !known.has(post.id) && !pending.some((p) => p.id === post.id));
      if (!fresh.length) return;
      if (!live) {
        setNewElsewhere((n) => n + fresh.length);
        return;
      }
      const own = fresh.filter((post) => post.authorId === currentUserId);
      const others = fresh.filter((post) => post.authorId !== currentUserId);
      if (own.length) setExtra((current) => [...current, ...own]);
      if (!others.length) return;
      if (atEndOfPosts()) {
        setExtra((current) => [...current, ...others]);
        setAnnouncement(t('live.newPostBy', { name: others[others.length - 1].authorName ?? t('post.formerMember') }));
      } else {
        setWaiting((current) => [...current, ...others]);
        setAnnouncement(t('live.newPostsWaiting', { count: pending.length + others.length }));
      }
    },
    [threadId, t],
  );

  /** The rest of a catch-up that came in more than one batch. */
  const catchUp = useCallback(
    async (complete: boolean) => {
      const socket = connectSocket();
      for (let batch = 1; !complete; batch++) {
        if (batch > MAX_CATCH_UP_BATCHES) {
          setCatchUpIncomplete(true);
          return;
        }
        const reply = await new Promise<SocketAck<{ missed: PostView[]; complete: boolean }>>((resolve) =>
          socket.emit('thread:catch-up', { threadId, afterPosition: last.current }, resolve),
        );
        if (!reply.ok) return;
        receive(reply.missed);
        complete = reply.complete;
      }
    },
    [threadId, receive],
  );

  useRoom('thread:join', threadId, {
    payload: () => ({ threadId, lastSeenPosition: last.current }),
    leave: { event: 'thread:leave', payload: { threadId } },
    onJoined: (reply, rejoined) => {
      if (!reply.ok) return;
      receive(reply.missed);
      void catchUp(reply.complete);
      if (rejoined) onResync();
    },
  });

  useSocketEvents({
    'post:created': ({ post }) => receive([post]),
    'post:updated': ({ post }) => post.threadId === threadId && setChanges((all) => ({ ...all, [post.id]: post })),
    'post:deleted': (event) => event.threadId === threadId && setChanges((all) => ({ ...all, [event.postId]: 'deleted' })),
    'thread:changed': (event) => event.threadId === threadId && onResync(),
    'thread:readers': (event) => event.threadId === threadId && setReaders(event.count),
    'thread:typing': (event) => {
      if (event.threadId !== threadId || event.userId === currentUserId) return;
      setTyping((all) => ({ ...all, [event.userId]: { name: event.displayName, until: Date.now() + TYPING_SHOWN_MS } }));
    },
  });

  useEffect(() => {
    const sweep = setInterval(() => {
      setTyping((all) => {
        const now = Date.now();
        const kept = Object.fromEntries(Object.entries(all).filter(([, entry]) => entry.until > now));
        return Object.keys(kept).length === Object.keys(all).length ? all : kept;
      });
    }, 1000);
    return () => clearInterval(sweep);
  }, []);

  // The page's posts plus what arrived live, each once, in thread order, with live edits applied.
  const posts = useMemo(() => {
    const byId = new Map<number, PostView>();
    for (const post of [...pagePosts, ...extra]) byId.set(post.id, post);
    return [...byId.values()]
      .sort((a, b) => a.position - b.position)
      .map((post) => {
        const change = changes[post.id];
        if (change === 'deleted') return { ...post, deleted: true, bodyHtml: null };
        return change ?? post;
      });
  }, [pagePosts, extra, changes]);

  const showPending = () => {
    const first = pending[0];
    if (!first) return;
    setExtra((current) => [...current, ...pending]);
    setWaiting([]);
    requestAnimationFrame(() => document.getElementById(`post-${first.id}`)?.focus());
  };

  return {
    posts,
    newIds: useMemo(() => new Set(extra.map((post) => post.id)), [extra]),
    pendingCount: pending.length,
    showPending,
    newElsewhere,
    announcement,
    setAnnouncement,
    readers,
    typingNames: Object.values(typing).map((entry) => entry.name),
    announceTyping: () => connectSocket().emit('thread:typing', { threadId }, () => {}),
    catchUpIncomplete,
  };
}

/** Live thread lists: re-read the list when a thread in this forum changes. */
export function useForumLive(forumId: number, onActivity: () => void) {
  useRoom('forum:join', forumId, { payload: () => ({ forumId }) });
  useSocketEvents({ 'thread:activity': (event) => event.forumId === forumId && onActivity() });
}
