/**
 * Demo mode never exposes accounts to anyone but the person at the machine: started as `npm start` starts it
 * (the supervisor, with the demo seed), it listens on loopback unless HOST says otherwise, its development
 * mailbox answers only requests that reach it directly from loopback and only without PUBLIC_URL, it warns
 * loudly, and with NODE_ENV=production or a PUBLIC_URL the demo accounts do not take the published password.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../testing/live';
import { freePort } from '../../db/testing/free-port';
import { buildIfStale } from '../build';
import { get, post } from './support';

const DEMO_PASSWORD = 'weltoffen-demo';
const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
const started: ServerProcess[] = [];
const dataDirs: string[] = [];
const databases: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  for (const name of databases) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database of its own for each start: the supervisor seeds the demo network into an empty one. */
async function freshDatabase(): Promise<string> {
  const name = `demo_${crypto.randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  databases.push(name);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function startDemo(env: Record<string, string>): Promise<ServerProcess> {
  await buildIfStale(() => {});
  const dataDir = `.data/demo-test-${crypto.randomBytes(3).toString('hex')}`;
  dataDirs.push(dataDir);
  const server = await startServerProcess(await freePort(), { DATABASE_URL: await freshDatabase(), DATA_DIR: dataDir, WELTOFFEN_DEMO: '', ...env }, { supervised: true });
  started.push(server);
  return server;
}

const signIn = (server: ServerProcess, password: string, origin = server.url) =>
  post(server.url, '/login', { email: 'netzwerk@demo.weltoffen.example', password }, { headers: { origin } });
const signedIn = (answer: { status: number; headers: Headers }) => answer.status === 302 && answer.headers.getSetCookie().some((cookie) => cookie.startsWith('weltoffen_session='));

/** An address of this machine that is not loopback, if it has one. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('on a developer machine (no PUBLIC_URL, no NODE_ENV)', () => {
  let server: ServerProcess;
  it('seeds the demo, warns, and listens on loopback only', async () => {
    server = await startDemo({ HOST: '' });
    expect(server.output()).toMatch(/DEMO MODE is on/);
    expect(server.output()).toContain(`password for all: ${DEMO_PASSWORD}`);
    expect(signedIn(await signIn(server, DEMO_PASSWORD))).toBe(true);
    if (outsideAddress) expect(await reachable(outsideAddress, Number(new URL(server.url).port))).toBe(false);
  }, 180_000);

  it('shows the mailbox to a request made on this machine, and to nobody who came through a proxy', async () => {
    expect((await get(server.url, '/dev/mail')).status).toBe(200);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'via']) {
      const answer = await get(server.url, '/dev/mail', { headers: { [header]: header === 'forwarded' ? 'for=203.0.113.9' : '203.0.113.9' } });
      expect(answer.status, header).toBe(404);
      expect(answer.body).not.toContain('mail-body');
      // The deletion time machine follows the mailbox's rule.
      const timeMachine = await post(server.url, '/dev/personal-data', { intent: 'erase-due-after-grace' }, { headers: { [header]: header === 'forwarded' ? 'for=203.0.113.9' : '203.0.113.9' } });
      expect(timeMachine.status, header).toBe(404);
    }
    expect((await post(server.url, '/dev/personal-data', { intent: 'erase-due-after-grace' })).status).toBe(200);
  });
});

describe('where demo mode could reach others', () => {
  it('with HOST set, it listens where told and says so loudly', async () => {
    const server = await startDemo({ HOST: '0.0.0.0' });
    expect(server.output()).toMatch(/DEMO MODE listens on 0\.0\.0\.0 because HOST says so/);
    if (outsideAddress) expect(await reachable(outsideAddress, Number(new URL(server.url).port))).toBe(true);
    await server.stop();
  }, 180_000);

  it('with NODE_ENV=production, the demo accounts take this installation’s own password, not the published one', async () => {
    const server = await startDemo({ HOST: '', NODE_ENV: 'production', WELTOFFEN_DEMO: '1' });
    const password = server.output().match(/this installation's password for all: ([\w-]+)/)?.[1];
    expect(password).toBeTruthy();
    expect(password).not.toBe(DEMO_PASSWORD);
    expect(signedIn(await signIn(server, DEMO_PASSWORD))).toBe(false);
    expect(signedIn(await signIn(server, password!))).toBe(true);
    await server.stop();
  }, 180_000);

  it('with a PUBLIC_URL, there is no mailbox, not even on this machine, no published password, and forms work behind the proxy', async () => {
    const server = await startDemo({ HOST: '', PUBLIC_URL: 'https://dialog.example.de', WELTOFFEN_DEMO: '1', TRUST_PROXY: 'loopback' });
    expect((await get(server.url, '/dev/mail')).status).toBe(404);
    expect((await post(server.url, '/dev/personal-data', { intent: 'erase-due-after-grace' })).status).toBe(404);
    // The form as the browser sends it from the public address, through a proxy that passes its upstream's
    // name as Host (nginx's default): the published password is refused, the installation's works.
    const refused = await signIn(server, DEMO_PASSWORD, 'https://dialog.example.de');
    expect(refused.status).toBe(401);
    const password = server.output().match(/this installation's password for all: ([\w-]+)/)![1];
    expect(signedIn(await signIn(server, password, 'https://dialog.example.de'))).toBe(true);
    await server.stop();
  }, 180_000);
});
