/**
 * The one shape of a socket event handler: find the acknowledgement (the last argument that is a function,
 * whatever came before it), parse the payload with the area's zod schema, load the actor fresh from the
 * database (a role revoked a second ago counts), call the domain, and answer. A DomainError becomes
 * `{ ok: false, error: code, message }` with the message translated for the person; an unreachable
 * database `unavailable`; anything else `failed` (and is logged) — never an unanswered ack.
 */
import type { z } from 'zod';
import { loadActor } from '#app/domain/auth/actor.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { isDomainError } from '#app/domain/errors';
import { isDatabaseUnavailable } from '#app/database/outage';
import { getFixedT } from '#app/i18n/i18n.server';
import type { ClientToServerEvents, SocketAck } from '#app/realtime/events';
import type { AppSocket } from './types';

export interface HandlerContext<Input> {
  socket: AppSocket;
  actor: MaybeActor;
  input: Input;
}

type Reply = (reply: SocketAck<object>) => void;

export interface SocketHandler {
  event: keyof ClientToServerEvents;
  listener: (this: AppSocket, ...args: unknown[]) => void;
}

/**
 * `run` for `event`, in the one handler shape. Made once per server and shared by every socket (the listener
 * finds its socket in `this`, as an event emitter calls it): a socket then costs a listener entry per event
 * rather than closures of its own, for as long as a reader keeps a page open.
 */
export function handler<S extends z.ZodTypeAny, Result extends object>(
  event: keyof ClientToServerEvents,
  schema: S,
  run: (context: HandlerContext<z.output<S>>) => Promise<Result>,
): SocketHandler {
  return { event, listener };
  function listener(this: AppSocket, ...args: unknown[]) {
    const socket = this;
    const last = args[args.length - 1];
    const ack: Reply = typeof last === 'function' ? (last as Reply) : () => {};
    const payload = typeof args[0] === 'function' ? undefined : args[0];
    void (async () => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: 'invalid' });
      let actor: MaybeActor = null;
      try {
        actor = socket.data.userId ? await loadActor(socket.data.userId) : null;
        ack({ ok: true, ...(await run({ socket, actor, input: parsed.data })) });
      } catch (error) {
        if (isDomainError(error)) {
          const message = getFixedT(actor?.language ?? 'de', ['common', 'forums', 'moderation'])(error.i18nKey, error.params) as string;
          return ack({ ok: false, error: error.code, message });
        }
        if (isDatabaseUnavailable(error)) return ack({ ok: false, error: 'unavailable' });
        console.error(`[weltoffen] The socket event ${event} failed:`, error);
        ack({ ok: false, error: 'failed' });
      }
    })();
  }
}

/**
 * Routes each socket's events to the shared handlers through one middleware per socket (added after the flood
 * guard, so it still counts every event), not one listener per event: a socket's emitter stays small.
 * An event no handler knows goes on to the emitter, where nobody listens (as before).
 */
export function handlerRouter(handlers: readonly SocketHandler[]) {
  const byEvent = new Map<string, SocketHandler['listener']>(handlers.map(({ event, listener }) => [event, listener]));
  return (socket: AppSocket) =>
    socket.use(([event, ...args], next) => {
      const listener = byEvent.get(event);
      if (listener) listener.apply(socket, args);
      else next();
    });
}
