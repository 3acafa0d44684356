import { useEffect, useRef, useState } from 'react';
import type { PostView } from '#app/domain/forums/posts.server';
import { connectSocket } from './socket-client';

interface ThreadLiveOptions {
  threadId: number;
  /** The highest position already on the page: catch-up starts after it. */
  lastPosition: number;
  currentUserId: string | null;
  onPosts: (posts: PostView[]) => void;
  onUpdated: (post: PostView) => void;
  onDeleted: (postId: number) => void;
  /** Called after a reconnect, so edits made meanwhile are re-read through the loader, and when a moderator changed the thread. */
  onResync: () => void;
}

/**
 * Live thread: joins the thread's room, receives new, edited and deleted posts, and after every
 * (re)connect asks for what it missed since the last post it has — so nothing is missed or doubled.
 */
export function useThreadLive({ threadId, lastPosition, currentUserId, onPosts, onUpdated, onDeleted, onResync }: ThreadLiveOptions) {
  const [readers, setReaders] = useState<number | null>(null);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const last = useRef(lastPosition);
  const handlers = useRef({ onPosts, onUpdated, onDeleted, onResync });
  handlers.current = { onPosts, onUpdated, onDeleted, onResync };
  if (lastPosition > last.current) last.current = lastPosition;

  useEffect(() => {
    const socket = connectSocket();
    let joinedBefore = false;
    const receive = (posts: PostView[]) => {
      const mine = posts.filter((p) => p.threadId === threadId);
      if (!mine.length) return;
      last.current = Math.max(last.current, ...mine.map((p) => p.position));
      handlers.current.onPosts(mine);
    };
    const join = () => {
      socket.emit('thread:join', { threadId, lastSeenPosition: last.current }, (reply) => {
        if (!reply.ok) return;
        receive(reply.missed);
        if (joinedBefore) handlers.current.onResync();
        joinedBefore = true;
      });
    };
    const created = ({ post }: { post: PostView }) => receive([post]);
    const updated = ({ post }: { post: PostView }) => post.threadId === threadId && handlers.current.onUpdated(post);
    const deleted = (event: { threadId: number; postId: number }) => event.threadId === threadId && handlers.current.onDeleted(event.postId);
    const threadChanged = (event: { threadId: number }) => event.threadId === threadId && handlers.current.onResync();
    const readersChanged = (event: { threadId: number; count: number }) => event.threadId === threadId && setReaders(event.count);
    const someoneTyping = (event: { threadId: number; userId: string; displayName: string }) => {
      if (event.threadId !== threadId || event.userId === currentUserId) return;
      setTyping((all) => ({ ...all, [event.userId]: { name: event.displayName, until: Date.now() + 5000 } }));
    };
    socket.on('connect', join);
    socket.on('post:created', created);
    socket.on('post:updated', updated);
    socket.on('post:deleted', deleted);
    socket.on('thread:readers', readersChanged);
    socket.on('thread:changed', threadChanged);
    socket.on('thread:typing', someoneTyping);
    if (socket.connected) join();
    const sweep = setInterval(() => {
      setTyping((all) => {
        const now = Date.now();
        const kept = Object.fromEntries(Object.entries(all).filter(([, entry]) => entry.until > now));
        return Object.keys(kept).length === Object.keys(all).length ? all : kept;
      });
    }, 1000);
    return () => {
      clearInterval(sweep);
      socket.emit('thread:leave', { threadId }, () => {});
      socket.off('connect', join);
      socket.off('post:created', created);
      socket.off('post:updated', updated);
      socket.off('post:deleted', deleted);
      socket.off('thread:readers', readersChanged);
      socket.off('thread:changed', threadChanged);
      socket.off('thread:typing', someoneTyping);
    };
  }, [threadId, currentUserId]);

  return {
    readers,
    typingNames: Object.values(typing).map((entry) => entry.name),
    announceTyping: () => connectSocket().emit('thread:typing', { threadId }, () => {}),
  };
}

/** Live thread lists: re-read the list when a thread in this forum changes. */
export function useForumLive(forumId: number, onActivity: () => void) {
  const callback = useRef(onActivity);
  callback.current = onActivity;
  useEffect(() => {
    const socket = connectSocket();
    const join = () => socket.emit('forum:join', { forumId }, () => {});
    const activity = (event: { forumId: number }) => event.forumId === forumId && callback.current();
    socket.on('connect', join);
    socket.on('thread:activity', activity);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off('thread:activity', activity);
    };
  }, [forumId]);
}
