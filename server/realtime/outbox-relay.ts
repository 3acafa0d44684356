/**
 * REALTIME_BUS=redis-streams (decision 020): instead of every process LISTENing, one process at a time takes
 * the committed messages from the outbox and emits them through Socket.IO's Redis Streams adapter, which
 * carries every room emit, `disconnectSockets` and `socketsLeave` to the sockets of all processes. The
 * post is read once for all processes, not once per process. What each process keeps for itself (the "N
 * reading" counts, its guest page cache) it hears by a server-side emit.
 *
 * Every process runs this loop; the one that holds the relay's lead polls the outbox often, the others only
 * look now and then whether the lead is free (the relay died or stopped), so one takes over within a second.
 */
import type { BusMessage } from '#app/domain/bus';
import { outboxRelayLead, relayOutbox } from '#app/domain/bus.server';
import type { IoServer } from '../socket/types';
import type { Presence } from './presence';
import { dispatch, EPHEMERAL } from './listener';

const BATCH = 500;
/** How often the relaying process looks for new messages: at most this long is added to a live update. */
const RELAY_POLL_MS = 5;
const STANDBY_POLL_MS = 500;
/** How often the relay makes sure it still holds the lead (its connection may have dropped and come back). */
const LEAD_CHECK_MS = 1_000;
const RETRY_AFTER_ERROR_MS = 1_000;
/** Redis is away longer than this: give the batch back to the outbox (its transaction rolls back) and retry. */
const FLUSH_TIMEOUT_MS = 5_000;

export interface OutboxRelayOptions {
  io: IoServer;
  presence: Presence;
  log: (line: string) => void;
  contentChanged: () => void;
  /** A mark taken before a batch is emitted … */
  beginBatch: () => number;
  /** … resolves once everything emitted since is on Redis (only then are the messages deleted), else rejects. */
  flushed: (mark: number) => Promise<unknown>;
}

export function startOutboxRelay({ io, presence, log, contentChanged, beginBatch, flushed }: OutboxRelayOptions) {
  io.on('bus:content-changed', contentChanged);
  io.on('bus:presence', (threadId, processId, count) => presence.receive(threadId, processId, count));

  async function deliver(messages: BusMessage[]) {
    const mark = beginBatch();
    if (messages.some((message) => !EPHEMERAL.has(message.type))) {
      contentChanged();
      io.serverSideEmit('bus:content-changed');
    }
    for (const message of messages) {
      if (message.type === 'thread:presence') {
        presence.receive(message.threadId, message.processId, message.count);
        io.serverSideEmit('bus:presence', message.threadId, message.processId, message.count);
      } else {
        await dispatch(io, presence, message).catch((error) => log(`A domain event could not be delivered: ${String(error)}`));
      }
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      flushed(mark),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not take the messages in time')), FLUSH_TIMEOUT_MS))),
    ]).finally(() => clearTimeout(timer));
  }

  let stopped = false;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const running = (async () => {
    let lead: Awaited<ReturnType<typeof outboxRelayLead>> | null = null;
    let leading = false;
    let checkedAt = 0;
    let failing = false;
    while (!stopped) {
      try {
        lead ??= await outboxRelayLead();
        if (!leading || Date.now() - checkedAt > LEAD_CHECK_MS) {
          const held = await lead.holds();
          checkedAt = Date.now();
          if (held && !leading) log('This process relays the message bus.');
          leading = held;
        }
        if (!leading) {
          await pause(STANDBY_POLL_MS);
          continue;
        }
        const taken = await relayOutbox(BATCH, deliver);
        if (failing) log('Relaying the message bus again.');
        failing = false;
        if (taken === BATCH) continue;
        await pause(RELAY_POLL_MS);
      } catch (error) {
        // The database or Redis is away: what was taken stays in the outbox (its transaction did not commit).
        if (!failing) log(`The message bus cannot be relayed now: ${String(error)}`);
        failing = true;
        leading = false;
        await lead?.release();
        lead = null;
        await pause(RETRY_AFTER_ERROR_MS);
      }
    }
    await lead?.release();
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
