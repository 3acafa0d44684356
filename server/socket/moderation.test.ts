/**
 * The live moderation queue over real sockets: only a town's moderators may join its room; residents,
 * guests and other towns' moderators are refused; a report reaches the room; losing the role leaves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { signIn } from '#app/domain/auth/accounts.server';
import { changeRole } from '#app/domain/municipalities/members.server';
import { createForum, getForum } from '#app/domain/forums/forums.server';
import { createThread } from '#app/domain/forums/threads.server';
import { fileReport } from '#app/domain/moderation/reports.server';
import { rooms } from '#app/realtime/rooms';
import type { SocketAck } from '#app/realtime/events';
import { startAppServer, type AppServer } from '../app';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam, testContext } from '../../db/testing/factories';

let server: AppServer;
let townA: number;
let townB: number;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startAppServer({ port: 0, host: '127.0.0.1', publicUrl: null, demoMode: false, remixBuild: null });
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
  const session = await signIn(person, testContext());
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
      expect(await emit(refused, 'queue:join', { townId: townA })).toEqual({ ok: false, error: 'forbidden' });
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

    const network = await createUser({ label: 'net' });
    await makeNetworkTeam(network.userId);
    await createForum(await actorOf(network.userId), townA, { slug: 'talk', name: 'Talk', description: '', position: 0, staffOnlyPosting: false });
    const forum = await getForum(townA, 'talk');
    const author = await createUser({ label: 'author' });
    await grantRole(author.userId, townA, 'member');
    const { postId } = await createThread(await actorOf(author.userId), forum, { title: 'Reported', body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rude words.' }] }] }), language: 'auto' });

    const heard = new Promise<{ townId: number }>((resolve) => socket.once('queue:changed', resolve));
    await fileReport(null, townA, postId, { target: 'post', category: 'insult', explanation: '' }, testContext());
    expect((await heard).townId).toBe(townA);
    expect(residentHeard).toBe(0);

    const admin = await createUser({ label: 'admin' });
    await grantRole(admin.userId, townA, 'admin');
    await changeRole(await actorOf(admin.userId), townA, { userId: person.userId, role: 'member' });
    await expect.poll(async () => (await server.io.in(rooms.moderation(townA)).fetchSockets()).some((s) => s.data.userId === person.userId)).toBe(false);
  });
});
