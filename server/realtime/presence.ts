/**
 * "N reading" across processes: each process counts the sockets in its own thread rooms and announces its
 * count; every process adds up the latest count of each process (stale ones expire) and tells the room.
 */
import crypto from 'node:crypto';
import { rooms } from '#app/realtime/rooms';
import { announceReaders } from '#app/domain/forums/presence.server';
import type { IoServer } from '../socket/types';

const HEARTBEAT_MS = 30_000;
const EXPIRE_MS = 75_000;

export class Presence {
  readonly processId = crypto.randomBytes(6).toString('hex');
  private counts = new Map<number, Map<string, { count: number; at: number }>>();
  private pending = new Map<number, NodeJS.Timeout>();
  private heartbeat: NodeJS.Timeout;

  constructor(
    private io: IoServer,
    private log: (line: string) => void,
  ) {
    this.heartbeat = setInterval(() => this.republish(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private localCount(threadId: number, leavingSocketId?: string): number {
    const members = this.io.sockets.adapter.rooms.get(rooms.thread(threadId));
    return (members?.size ?? 0) - (leavingSocketId && members?.has(leavingSocketId) ? 1 : 0);
  }

  /** A socket joined or left a thread room here: announce this process's count (debounced per thread). */
  changed(threadId: number, leavingSocketId?: string) {
    const count = this.localCount(threadId, leavingSocketId);
    clearTimeout(this.pending.get(threadId));
    this.pending.set(
      threadId,
      setTimeout(() => {
        this.pending.delete(threadId);
        announceReaders({ threadId, processId: this.processId, count: leavingSocketId ? count : this.localCount(threadId) }).catch((e) => this.log(`Presence not announced: ${e}`));
      }, 100),
    );
  }

  /** A process announced its count: recompute the total and tell the thread's readers here. */
  receive(threadId: number, processId: string, count: number) {
    const perProcess = this.counts.get(threadId) ?? new Map();
    if (count > 0) perProcess.set(processId, { count, at: Date.now() });
    else perProcess.delete(processId);
    if (perProcess.size) this.counts.set(threadId, perProcess);
    else this.counts.delete(threadId);
    // Every process receives every count and tells its own sockets (with a cluster adapter, `io.to` would reach all).
    this.io.local.to(rooms.thread(threadId)).emit('thread:readers', { threadId, count: this.total(threadId) });
  }

  total(threadId: number): number {
    const now = Date.now();
    let sum = 0;
    for (const [processId, entry] of this.counts.get(threadId) ?? []) {
      if (now - entry.at > EXPIRE_MS) this.counts.get(threadId)!.delete(processId);
      else sum += entry.count;
    }
    return sum;
  }

  private republish() {
    for (const [room, members] of this.io.sockets.adapter.rooms) {
      if (room.startsWith('thread:') && members.size) {
        announceReaders({ threadId: Number(room.slice(7)), processId: this.processId, count: members.size }).catch(() => {});
      }
    }
  }

  stop() {
    clearInterval(this.heartbeat);
    for (const timer of this.pending.values()) clearTimeout(timer);
  }
}
