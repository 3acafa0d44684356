/**
 * The live moderation queue over real sockets: only a town's moderators may join its room; residents,
 * guests and other towns' moderators are refused; a report reaches the room; losing the role leaves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { signIn } from '#app/domain/auth/accounts.server';
import { changeRole } from '#app/domain/municipalities/members.server';
import { fileReport } from '#app/domain/moderation/reports.server';
import { rooms } from '#app/realtime/rooms';
import type { SocketAck } from '#app/realtime/events';
import type { AppServer } from '../app';
import { startTestServer } from '../testing/app-server';
import { actorOf, createTownDirectly, createUser, grantRole, testClient } from '../../db/testing/factories';
import { createTestForum, startThread } from '../../db/testing/forum-fixtures';

let server: AppServer;
let townA: number;
let townB: number;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  townA = await createTownDirectly('mod-socket-a');
  townB = await createTownDirectly('mod-socket-b');
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
});

const emit = (socket: Socket, event: string, payload: unknown) => new Promise<SocketAck>((resolve) => socket.emit(event, payload, resolve));

async function socketOf(role: 'moderator' | 'member' | 'admin' | null, townId = townA) {
  const person = await createUser({ label: role ?? 'nobody' });
  if (role) await grantRole(person.userId, townId, role);
  const session = await signIn(null, { ...person, ip: testClient().ip, https: false });
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: session.cookie.split(';')[0] }, reconnection: false, forceNew: true });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { person, socket };
}

describe('the moderators room', () => {
  it("admits the town's moderators and admins only", async () => {
    const { socket: moderator } = await socketOf('moderator');
    const { socket: admin } = await socketOf('admin');
    const { socket: resident } = await socketOf('member');
    const { socket: otherTown } = await socketOf('moderator', townB);
    const { socket: noRole } = await socketOf(null);
    const guest = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    open.push(guest);
    await new Promise<void>((resolve) => guest.once('connect', () => resolve()));

    expect(await emit(moderator, 'queue:join', { townId: townA })).toEqual({ ok: true });
    expect(await emit(admin, 'queue:join', { townId: townA })).toEqual({ ok: true });
    for (const refused of [resident, otherTown, noRole, guest]) {
      expect(await emit(refused, 'queue:join', { townId: townA })).toMatchObject({ ok: false, error: 'forbidden', message: expect.any(String) });
    }
    expect(await emit(moderator, 'queue:join', { townId: 'A' })).toEqual({ ok: false, error: 'invalid' });
    expect(await emit(moderator, 'queue:join', { townId: townA, extra: 1 })).toEqual({ ok: false, error: 'invalid' });
    expect(await server.io.in(rooms.moderation(townA)).fetchSockets()).toHaveLength(2);
  });

  it('a report reaches the room at once, and someone who loses the role leaves it', async () => {
    const { person, socket } = await socketOf('moderator');
    const { socket: resident } = await socketOf('member');
    expect(await emit(socket, 'queue:join', { townId: townA })).toEqual({ ok: true });
    let residentHeard = 0;
    resident.on('queue:changed', () => residentHeard++);

    const forumId = await createTestForum(townA, 'talk');
    const author = await createUser({ label: 'author' });
    await grantRole(author.userId, townA, 'member');
    const { postId } = await startThread(await actorOf(author.userId), townA, forumId, 'Reported', 'Rude words.');

    const heard = new Promise<{ townId: number }>((resolve) => socket.once('queue:changed', resolve));
    await fileReport(null, { townId: townA, postId, target: 'post', category: 'insult', explanation: '', ...testClient() });
    expect((await heard).townId).toBe(townA);
    expect(residentHeard).toBe(0);

    const admin = await createUser({ label: 'admin' });
    await grantRole(admin.userId, townA, 'admin');
    await changeRole(await actorOf(admin.userId), { townId: townA, userId: person.userId, role: 'member' });
    await expect.poll(async () => (await server.io.in(rooms.moderation(townA)).fetchSockets()).some((s) => s.data.userId === person.userId)).toBe(false);
  });
});
