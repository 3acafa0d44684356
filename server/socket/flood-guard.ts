/**
 * Per-socket flood guard: a token bucket per connection. Events over the rate are answered with a
 * `rate_limited` error ack; a client that keeps flooding is disconnected. Others are not affected.
 */
import type { Socket } from 'socket.io';

const RATE_PER_SECOND = 10;
const BURST = 30;
const STRIKES_BEFORE_DISCONNECT = 50;

export function floodGuard(socket: Socket) {
  let tokens = BURST;
  let last = Date.now();
  let strikes = 0;
  socket.use((packet, next) => {
    const now = Date.now();
    tokens = Math.min(BURST, tokens + ((now - last) / 1000) * RATE_PER_SECOND);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return next();
    }
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack({ ok: false, error: 'rate_limited' });
    if (++strikes >= STRIKES_BEFORE_DISCONNECT) socket.disconnect(true);
  });
}
