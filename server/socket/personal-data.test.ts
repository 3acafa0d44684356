/**
 * Account deletion over real Socket.IO clients: asking for it disconnects every socket of the account at once
 * (telling them why, so the page can say so), a bystander stays connected, and the erasure after the grace
 * period disconnects a socket that signed in again meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { signIn } from '#app/domain/auth/accounts.server';
import { eraseAccount, requestDeletion } from '#app/domain/personal-data/deletion.server';
import type { AppServer } from '../app';
import { startTestServer } from '../testing/app-server';
import { actorOf, createUser, testClient, type TestPerson } from '../../db/testing/factories';

let server: AppServer;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
});

async function socketOf(person: TestPerson): Promise<Socket> {
  const session = await signIn(null, { ...person, ip: testClient().ip, https: false });
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: session.cookie.split(';')[0] }, reconnection: false, forceNew: true });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const disconnected = (socket: Socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
const revoked = (socket: Socket) => new Promise<unknown>((resolve) => socket.once('session:revoked', (info: unknown) => resolve(info)));

describe('account deletion and sockets', () => {
  it('asking for deletion disconnects every socket of the account at once, saying why', async () => {
    const person = await createUser({ label: 'leaving' });
    const [laptop, phone] = [await socketOf(person), await socketOf(person)];
    const bystander = await socketOf(await createUser({ label: 'bystander' }));
    const told = revoked(laptop);
    const gone = Promise.all([disconnected(laptop), disconnected(phone)]);
    await requestDeletion(await actorOf(person.userId), { content: 'keep', currentPassword: person.password });
    expect(await told).toEqual({ reason: 'account-deletion' });
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    expect(bystander.connected).toBe(true);

    // Signed in again during the grace period; the erasure ends that socket too.
    const again = await socketOf(person);
    const end = disconnected(again);
    expect(await eraseAccount({ userId: person.userId, asOf: new Date(Date.now() + 15 * 86_400_000) })).toBe('erased');
    expect(await end).toBe('io server disconnect');
    expect(bystander.connected).toBe(true);
  });
});
