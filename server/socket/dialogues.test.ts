/**
 * Dialogue events over real sockets: an event's organisers' room admits its organisers only and hears
 * registrations; the Q&A room admits whoever may read the event (a draft: its organisers only) and hears new
 * questions; what travels is ids, never the join link or a question's text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { signIn } from '#app/domain/auth/accounts.server';
import type { Actor, TownRole } from '#app/domain/auth/permissions';
import { createEvent, publishEvent } from '#app/domain/dialogues/events.server';
import { register } from '#app/domain/dialogues/registrations.server';
import { askQuestion } from '#app/domain/dialogues/questions.server';
import { rooms } from '#app/realtime/rooms';
import type { SocketAck } from '#app/realtime/events';
import type { AppServer } from '../app';
import { startTestServer } from '../testing/app-server';
import { actorOf, createTownDirectly, createUser, grantRole, testClient } from '../../db/testing/factories';
import { eventInput } from '../../db/testing/dialogue-fixtures';

let server: AppServer;
let town: number;
let otherTown: number;
let organiser: Actor;
let published: number;
let draft: number;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  town = await createTownDirectly('dlg-socket');
  otherTown = await createTownDirectly('dlg-socket-b');
  const person = await createUser({ label: 'organiser' });
  await grantRole(person.userId, town, 'organiser');
  organiser = await actorOf(person.userId);
  ({ id: published } = await createEvent(organiser, { townId: town, ...eventInput({ mode: 'hybrid', joinUrl: 'https://meet.example.org/secret-socket-room', capacity: 1 }) }));
  await publishEvent(organiser, { townId: town, eventId: published });
  ({ id: draft } = await createEvent(organiser, { townId: town, ...eventInput() }));
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
});

const emit = (socket: Socket, event: string, payload: unknown) => new Promise<SocketAck>((resolve) => socket.emit(event, payload, resolve));

async function socketOf(role: TownRole | null, townId = town): Promise<{ actor: Actor | null; socket: Socket }> {
  if (role === null) {
    const guest = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    open.push(guest);
    await new Promise<void>((resolve) => guest.once('connect', () => resolve()));
    return { actor: null, socket: guest };
  }
  const person = await createUser({ label: role });
  await grantRole(person.userId, townId, role);
  const session = await signIn(null, { ...person, ip: testClient().ip, https: false });
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: session.cookie.split(';')[0] }, reconnection: false, forceNew: true });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { actor: await actorOf(person.userId), socket };
}

describe("an event's organisers' room", () => {
  it('admits its organisers and admins only, and hears registrations (ids only)', async () => {
    const { socket: own } = await socketOf('organiser');
    const { socket: admin } = await socketOf('admin');
    expect(await emit(own, 'dialogue:join', { townId: town, eventId: published })).toEqual({ ok: true });
    expect(await emit(admin, 'dialogue:join', { townId: town, eventId: published })).toEqual({ ok: true });
    for (const role of ['member', 'moderator', 'official', null] as const) {
      const { socket } = await socketOf(role);
      expect(await emit(socket, 'dialogue:join', { townId: town, eventId: published })).toMatchObject({ ok: false, error: role === null ? 'unauthenticated' : 'forbidden' });
    }
    const { socket: otherOrganiser } = await socketOf('organiser', otherTown);
    expect(await emit(otherOrganiser, 'dialogue:join', { townId: town, eventId: published })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await emit(otherOrganiser, 'dialogue:join', { townId: otherTown, eventId: published })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await emit(own, 'dialogue:join', { townId: town, eventId: 'x' })).toEqual({ ok: false, error: 'invalid' });
    expect(await emit(own, 'dialogue:join', { townId: town, eventId: published, extra: 1 })).toEqual({ ok: false, error: 'invalid' });
    expect(await server.io.in(rooms.dialogueOrganisers(published)).fetchSockets()).toHaveLength(2);

    const { actor: resident, socket: residentSocket } = await socketOf('member');
    const payloads: unknown[] = [];
    residentSocket.onAny((_event, ...args) => payloads.push(args));
    own.onAny((_event, ...args) => payloads.push(args));
    const heard = new Promise((resolve) => own.once('dialogue:counts-changed', resolve));
    await register(resident, { townId: town, eventId: published, answers: {}, language: 'en' });
    expect(await heard).toEqual({ eventId: published });
    expect(JSON.stringify(payloads)).not.toContain('secret-socket-room');
  });

  it('tells a promoted registrant in their own room', async () => {
    const { actor: waiting, socket } = await socketOf('member');
    const { actor: seated } = await socketOf('member');
    const eventId = (await createEvent(organiser, { townId: town, ...eventInput({ capacity: 1 }) })).id;
    await publishEvent(organiser, { townId: town, eventId });
    await register(seated, { townId: town, eventId, answers: {}, language: 'en' });
    await register(waiting, { townId: town, eventId, answers: {}, language: 'en' });
    const heard = new Promise((resolve) => socket.once('dialogue:registration-changed', resolve));
    const { cancelRegistration } = await import('#app/domain/dialogues/registrations.server');
    await cancelRegistration(seated, { townId: town, eventId });
    expect(await heard).toEqual({ eventId });
  });
});

describe("an event's Q&A room", () => {
  it('admits whoever may read the event, a draft only its organisers, and hears new questions without their text', async () => {
    const { socket: guest } = await socketOf(null);
    const { actor: member, socket: memberSocket } = await socketOf('member');
    const { socket: outsider } = await socketOf('member', otherTown);
    expect(await emit(guest, 'qa:join', { townId: town, eventId: published })).toEqual({ ok: true });
    expect(await emit(memberSocket, 'qa:join', { townId: town, eventId: published })).toEqual({ ok: true });
    expect(await emit(outsider, 'qa:join', { townId: town, eventId: published })).toEqual({ ok: true });
    for (const socket of [guest, memberSocket, outsider]) {
      expect(await emit(socket, 'qa:join', { townId: town, eventId: draft })).toMatchObject({ ok: false, error: 'not_found' });
    }
    const { socket: own } = await socketOf('organiser');
    expect(await emit(own, 'qa:join', { townId: town, eventId: draft })).toEqual({ ok: true });

    const heard = new Promise((resolve) => guest.once('qa:changed', resolve));
    const raw: unknown[] = [];
    guest.onAny((_event, ...args) => raw.push(args));
    await askQuestion(member, { townId: town, eventId: published, body: 'A question with its own words', anonymous: true });
    expect(await heard).toEqual({ eventId: published });
    expect(JSON.stringify(raw)).not.toContain('its own words');
  });
});
