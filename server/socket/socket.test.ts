import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { signIn } from '#app/domain/auth/accounts.server';
import { revokeAllSessions, revokeSession } from '#app/domain/auth/sessions.server';
import { rooms } from '#app/realtime/rooms';
import type { SocketAck } from '#app/realtime/events';
import type { AppServer } from '../app';
import { startTestServer } from '../testing/app-server';
import { clientEvents } from './index';
import { createTownDirectly, createUser, testClient } from '../../db/testing/factories';

let server: AppServer;
let townId: number;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  townId = await createTownDirectly('socket-town');
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
});

function client(headers: Record<string, string> = {}): Socket {
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
  open.push(socket);
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
const disconnected = (socket: Socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
const emit = (socket: Socket, event: string, payload: unknown) => new Promise<SocketAck>((resolve) => socket.emit(event, payload, resolve));

async function signedInClient() {
  const person = await createUser();
  const session = await signIn(null, { ...person, ip: testClient().ip, https: false });
  const socket = client({ cookie: session.cookie.split(';')[0] });
  await connected(socket);
  return { person, session, socket };
}

describe('handshake', () => {
  it('a guest connects and may join a public town room, but nothing personal', async () => {
    const guest = client();
    await connected(guest);
    expect(await emit(guest, 'town:join', { townId })).toEqual({ ok: true });
    const [serverSide] = await server.io.fetchSockets();
    expect(serverSide.data.userId).toBeNull();
    expect([...serverSide.rooms].filter((room) => room.startsWith('user:'))).toEqual([]);
  });

  it('a signed-in socket joins its user room through the session cookie', async () => {
    const { person } = await signedInClient();
    const inRoom = await server.io.in(rooms.user(person.userId)).fetchSockets();
    expect(inRoom).toHaveLength(1);
    expect(inRoom[0].data.userId).toBe(person.userId);
  });

  it('a forged cookie connects as a guest', async () => {
    const socket = client({ cookie: 'weltoffen_session=forged' });
    await connected(socket);
    const sockets = await server.io.fetchSockets();
    expect(sockets.find((s) => s.id === socket.id)?.data.userId).toBeNull();
  });

  it('refuses a handshake from another site', async () => {
    const socket = client({ origin: 'https://evil.example' });
    await expect(connected(socket)).rejects.toMatchObject({ message: expect.stringMatching(/forbidden|refused|xhr poll error|websocket error/i) });
  });

  it('rejects malformed payloads and rooms that do not exist, with an error ack', async () => {
    const guest = client();
    await connected(guest);
    expect(await emit(guest, 'town:join', { townId: 'x' })).toEqual({ ok: false, error: 'invalid' });
    expect(await emit(guest, 'town:join', null)).toEqual({ ok: false, error: 'invalid' });
    // An unknown town is "not found", as on a page.
    expect(await emit(guest, 'town:join', { townId: 987654 })).toMatchObject({ ok: false, error: 'not_found' });
  });
});

/**
 * Every event a client may send, as the server routes it to a handler — so an event added later (say in
 * server/socket/moderation.ts) is covered without touching this file.
 */
async function clientEventNames(): Promise<string[]> {
  return clientEvents();
}

describe('overload and bad input', () => {
  it('a flooding client is throttled, then disconnected, while others carry on — during the flood too', async () => {
    const flooder = client();
    const bystander = client();
    await Promise.all([connected(flooder), connected(bystander)]);
    const gone = disconnected(flooder);
    const flood = Promise.all(Array.from({ length: 60 }, () => emit(flooder, 'town:join', { townId })));
    // The bystander asks at the same time, while the flooder's events are in flight.
    const meanwhile = Promise.all(Array.from({ length: 5 }, () => emit(bystander, 'town:join', { townId })));
    const replies = await flood;
    expect(replies.filter((r) => r.ok)).toHaveLength(30);
    expect(replies.filter((r) => !r.ok && r.error === 'rate_limited').length).toBe(30);
    for (let i = 0; i < 40; i++) flooder.emit('town:join', { townId }, () => {});
    const stillServed = emit(bystander, 'town:join', { townId });
    expect(await gone).toBe('io server disconnect');
    expect(await meanwhile).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(await stillServed).toEqual({ ok: true });
    expect(bystander.connected).toBe(true);
    expect(await emit(bystander, 'town:join', { townId })).toEqual({ ok: true });
  });

  it('answers malformed payloads of every client event with an error ack, and stays up for everyone', async () => {
    const events = await clientEventNames();
    // The derivation works: at least the events known when this test was written are there.
    expect(events).toEqual(expect.arrayContaining(['town:join', 'thread:join', 'thread:leave', 'thread:typing', 'forum:join']));
    const bad: unknown[] = [
      undefined,
      null,
      42,
      'text',
      true,
      [],
      [1, 2],
      {},
      { threadId: -1 },
      { threadId: 'x' },
      { threadId: 1.5 },
      { threadId: 0, lastSeenPosition: -5 },
      { threadId: 'x', lastSeenPosition: 'x' },
      { forumId: 1.5 },
      { forumId: null },
      { townId: {} },
      { townId: -3 },
      { townId: '1' },
      'x'.repeat(60 * 1024), // big, but under the message limit
      { threadId: 'x'.repeat(60 * 1024), forumId: 'x', townId: 'x' },
    ];
    const bystander = await signedInClient();
    for (const event of events) {
      const socket = client(); // a fresh connection per event: its own flood allowance
      await connected(socket);
      for (const payload of bad) {
        const reply = await emit(socket, event, payload);
        expect(reply, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({ ok: false, error: expect.any(String) });
      }
      // Without an ack, or with something else in its place: nothing to answer, nothing to crash.
      socket.emit(event, { threadId: 'x' });
      socket.emit(event, { threadId: 'x' }, 'not a function');
      socket.emit(event);
      expect(await emit(socket, event, null)).toMatchObject({ ok: false });
      expect(socket.connected).toBe(true);
      socket.disconnect();
    }
    expect(bystander.socket.connected).toBe(true);
    expect(await emit(bystander.socket, 'town:join', { townId })).toEqual({ ok: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('closes a connection that sends an oversized message, whatever the event, and the server stays up', async () => {
    const bystander = await signedInClient();
    for (const event of [...(await clientEventNames()), 'no:such-event']) {
      const socket = client();
      await connected(socket);
      const gone = disconnected(socket);
      socket.emit(event, { townId, threadId: 1, padding: 'x'.repeat(200 * 1024) }, () => {});
      expect(await gone, event).toMatch(/transport/);
    }
    expect(bystander.socket.connected).toBe(true);
    expect(await emit(bystander.socket, 'town:join', { townId })).toEqual({ ok: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses to join a room that cannot be read, and the socket stays out of it', async () => {
    const { socket } = await signedInClient();
    // Exactly what a page would say: "not found" (translated for the person), never a hint that it exists.
    expect(await emit(socket, 'thread:join', { threadId: 99999999, lastSeenPosition: 0 })).toMatchObject({ ok: false, error: 'not_found', message: expect.any(String) });
    expect(await emit(socket, 'forum:join', { forumId: 99999999 })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await emit(socket, 'town:join', { townId: 99999999 })).toMatchObject({ ok: false, error: 'not_found' });
    const serverSide = server.io.of('/').sockets.get(socket.id!)!;
    expect([...serverSide.rooms].filter((room) => /^(thread|forum|town):/.test(room))).toEqual([]);
  });
});

describe('revocation disconnects', () => {
  it('signing out disconnects the sockets of that session only', async () => {
    const { person, session, socket } = await signedInClient();
    const second = await signIn(null, { ...person, ip: testClient().ip, https: false });
    const other = client({ cookie: second.cookie.split(';')[0] });
    await connected(other);
    const gone = disconnected(socket);
    await revokeSession(session.sessionId);
    expect(await gone).toBe('io server disconnect');
    expect(other.connected).toBe(true);
  });

  it('"sign out everywhere" disconnects every socket of the person', async () => {
    const { person, socket } = await signedInClient();
    const second = client({ cookie: (await signIn(null, { ...person, ip: testClient().ip, https: false })).cookie.split(';')[0] });
    await connected(second);
    const bystander = await signedInClient();
    const both = Promise.all([disconnected(socket), disconnected(second)]);
    await revokeAllSessions(person.userId);
    expect(await both).toEqual(['io server disconnect', 'io server disconnect']);
    expect(bystander.socket.connected).toBe(true);
  });
});
