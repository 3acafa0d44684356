/**
 * The Selbstcheck's live rooms over real sockets: a round's progress only for its town's admin, the advice
 * queue only for the network team; a save reaches the admin at once; losing the admin role leaves the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { signIn } from '#app/domain/auth/accounts.server';
import { changeRole } from '#app/domain/municipalities/members.server';
import { insertNextVersion } from '#app/domain/selfcheck/templates.server';
import { inviteRespondents, openRound } from '#app/domain/selfcheck/rounds.server';
import { saveMyAnswers } from '#app/domain/selfcheck/answers.server';
import { requestAdvice } from '#app/domain/selfcheck/advice.server';
import { closeRound } from '#app/domain/selfcheck/rounds.server';
import { sql } from '#app/database/client.server';
import { rooms } from '#app/realtime/rooms';
import type { SocketAck } from '#app/realtime/events';
import type { AppServer } from '../app';
import { startTestServer } from '../testing/app-server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam, testClient, type TestPerson } from '../../db/testing/factories';
import { weltoffeneKommuneTemplate } from '../../db/seed-data/selfcheck-template';

let server: AppServer;
let townA: number;
let townB: number;
let roundId: number;
let admin: TestPerson;
let respondent: TestPerson;
const open: Socket[] = [];
const firstQuestion = weltoffeneKommuneTemplate.dimensions[0].questions[0].key;

const emit = (socket: Socket, event: string, payload: unknown) => new Promise<SocketAck>((resolve) => socket.emit(event, payload, resolve));

async function socketFor(person: TestPerson | null) {
  const cookie = person ? (await signIn(null, { ...person, ip: testClient().ip, https: false })).cookie.split(';')[0] : undefined;
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function personWith(role: 'admin' | 'moderator' | 'member' | null, townId = townA, network = false) {
  const person = await createUser({ label: role ?? 'nobody' });
  if (role) await grantRole(person.userId, townId, role);
  if (network) await makeNetworkTeam(person.userId);
  return person;
}

beforeAll(async () => {
  server = await startTestServer();
  townA = await createTownDirectly('selfcheck-socket-a');
  townB = await createTownDirectly('selfcheck-socket-b');
  const template = await insertNextVersion(sql, weltoffeneKommuneTemplate, null);
  admin = await personWith('admin');
  respondent = await personWith('member');
  roundId = await openRound(await actorOf(admin.userId), { townId: townA, title: 'Live', templateId: template.id });
  await inviteRespondents(await actorOf(admin.userId), { townId: townA, roundId, userIds: [respondent.userId] });
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
});

describe('a round’s progress room', () => {
  it("admits the town's admin only", async () => {
    const adminSocket = await socketFor(admin);
    expect(await emit(adminSocket, 'round:join', { roundId })).toEqual({ ok: true });
    const refused = [await socketFor(respondent), await socketFor(await personWith('moderator')), await socketFor(await personWith('admin', townB))];
    expect(await emit(refused[0], 'round:join', { roundId })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await emit(refused[1], 'round:join', { roundId })).toMatchObject({ ok: false, error: 'forbidden' });
    // Another town's admin and the network team learn nothing about the round, not even that it exists.
    expect(await emit(refused[2], 'round:join', { roundId })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await emit(await socketFor(await personWith(null, townA, true)), 'round:join', { roundId })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await emit(await socketFor(null), 'round:join', { roundId })).toMatchObject({ ok: false, error: 'unauthenticated' });
    expect(await emit(adminSocket, 'round:join', { roundId: 'x' })).toEqual({ ok: false, error: 'invalid' });
    expect(await emit(adminSocket, 'round:join', { roundId, more: 1 })).toEqual({ ok: false, error: 'invalid' });
    expect(await server.io.in(rooms.selfcheckRound(roundId)).fetchSockets()).toHaveLength(1);
  });

  it('hears a respondent save at once, and a former admin leaves the room', async () => {
    const adminSocket = await socketFor(admin);
    expect(await emit(adminSocket, 'round:join', { roundId })).toEqual({ ok: true });
    const heard = new Promise<{ roundId: number }>((resolve) => adminSocket.once('round:progress', resolve));
    await saveMyAnswers(await actorOf(respondent.userId), { townId: townA, roundId, answers: { [firstQuestion]: { value: '3' } } });
    expect(await heard).toEqual({ roundId });

    const other = await personWith('admin');
    const otherSocket = await socketFor(other);
    expect(await emit(otherSocket, 'round:join', { roundId })).toEqual({ ok: true });
    await changeRole(await actorOf(admin.userId), { townId: townA, userId: other.userId, role: 'member' });
    await expect.poll(async () => (await server.io.in(rooms.selfcheckRound(roundId)).fetchSockets()).length).toBe(2);
  });
});

describe('the advice queue room', () => {
  it('admits the network team only and hears new requests', async () => {
    const team = await socketFor(await personWith(null, townA, true));
    expect(await emit(team, 'advice:join', {})).toEqual({ ok: true });
    for (const person of [admin, respondent]) expect(await emit(await socketFor(person), 'advice:join', {})).toMatchObject({ ok: false, error: 'forbidden' });
    const heard = new Promise<{ requestId: number }>((resolve) => team.once('advice:changed', resolve));
    await closeRound(await actorOf(admin.userId), { townId: townA, roundId });
    const requestId = await requestAdvice(await actorOf(admin.userId), {
      townId: townA, roundId, dimensionKey: weltoffeneKommuneTemplate.dimensions[0].key, preferredFormat: 'phone', message: 'Bitte rufen Sie uns an.',
    });
    expect(await heard).toEqual({ requestId });
  });
});
