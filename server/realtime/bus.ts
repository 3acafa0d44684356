/**
 * The process's end of the message bus, as REALTIME_BUS says (decision 020): LISTEN on PostgreSQL (each
 * process emits to its own sockets), or the outbox relay into Socket.IO's Redis Streams adapter.
 */
import type { ServerOptions } from 'socket.io';
import type { RealtimeBusSettings } from '#app/env.server';
import type { IoServer } from '../socket/types';
import type { Presence } from './presence';
import { listenForBusMessages } from './listener';
import { startOutboxRelay } from './outbox-relay';

export interface BusConnection {
  /** The Socket.IO adapter that carries emits to the other processes; undefined: each process on its own. */
  adapter?: ServerOptions['adapter'];
  start(io: IoServer, presence: Presence, contentChanged: () => void): Promise<{ stop(): Promise<void> }>;
}

export async function connectBus(bus: RealtimeBusSettings, databaseUrl: string, log: (line: string) => void): Promise<BusConnection> {
  if (bus.kind === 'notify') {
    return {
      async start(io, presence, contentChanged) {
        const listener = await listenForBusMessages(databaseUrl, io, presence, log, contentChanged);
        return { stop: () => listener.unlisten() };
      },
    };
  }
  // Loaded only here: a process on NOTIFY does not carry the Redis client.
  const [{ createClient }, { createAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-streams-adapter')]);
  const redis = createClient({ url: bus.redisUrl, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) } });
  let away = false;
  // The adapter drops an emit whose XADD failed: a batch during which the connection broke goes back.
  let connectionBreaks = 0;
  redis.on('error', (error) => {
    connectionBreaks++;
    if (!away) log(`Redis is not reachable: ${String(error)}`);
    away = true;
  });
  redis.on('end', () => connectionBreaks++);
  redis.on('reconnecting', () => connectionBreaks++);
  redis.on('ready', () => {
    if (away) log('Redis is back.');
    away = false;
  });
  await redis.connect();
  return {
    adapter: createAdapter(redis, { streamName: 'weltoffen:bus', channelPrefix: 'weltoffen', onlyPlaintext: true }),
    async start(io, presence, contentChanged) {
      const relay = startOutboxRelay({
        io,
        presence,
        log,
        contentChanged,
        beginBatch: () => connectionBreaks,
        // Redis answers one connection's commands in order: when PING returns, every emit before it has been
        // answered, and if the connection never broke meanwhile, each went onto the stream.
        flushed: async (breaksBefore) => {
          await redis.ping();
          if (connectionBreaks !== breaksBefore) throw new Error('The connection to Redis broke while emitting: sending the batch again');
        },
      });
      return {
        async stop() {
          await relay.stop();
          await redis.quit().catch(() => {});
        },
      };
    },
  };
}
