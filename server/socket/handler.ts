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

/** Registers `run` for `event` on the socket, in the one handler shape. */
export function handle<S extends z.ZodTypeAny, Result extends object>(
  socket: AppSocket,
  event: keyof ClientToServerEvents,
  schema: S,
  run: (context: HandlerContext<z.output<S>>) => Promise<Result>,
) {
  socket.on(event, (...args: unknown[]) => {
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
  });
}
