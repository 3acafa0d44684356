import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type { AppServer } from './app';
import { startTestServer } from './testing/app-server';

let server: AppServer;
const databaseName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
const admin = postgres({ ...postgres(process.env.DATABASE_URL!).options, database: 'postgres', max: 1, onnotice: () => {} } as never);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await admin.unsafe(`alter database "${databaseName}" allow_connections true`);
  await admin.end();
  await server.close();
});

describe('/healthz', () => {
  it('answers ok while the database is reachable, 503 while it is not, and recovers without a restart', async () => {
    let response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok' });

    await admin.unsafe(`alter database "${databaseName}" allow_connections false`);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${databaseName} and pid <> pg_backend_pid()`;
    response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ db: 'down' });

    await admin.unsafe(`alter database "${databaseName}" allow_connections true`);
    response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });
});

describe('security headers and origin checks', () => {
  it('sends a CSP with a fresh nonce per response and forbids framing', async () => {
    const first = (await fetch(`${server.url}/favicon.svg`)).headers;
    const second = (await fetch(`${server.url}/favicon.svg`)).headers;
    expect(first.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    const nonce = (h: Headers) => h.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1];
    expect(nonce(first)).not.toBe(nonce(second));
    // Past the block of random bytes they are cut from, too: never one twice, always 128 bits.
    const many = await Promise.all(Array.from({ length: 300 }, async () => nonce((await fetch(`${server.url}/favicon.svg`)).headers)));
    expect(new Set(many).size).toBe(300);
    for (const value of many) expect(Buffer.from(value, 'base64')).toHaveLength(16);
    expect(first.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(first.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a state-changing request from another origin', async () => {
    const response = await fetch(`${server.url}/login`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: 'x=1' });
    expect(response.status).toBe(403);
    const crossSite = await fetch(`${server.url}/login`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: 'x=1' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await fetch(`${server.url}/login`, { method: 'POST', headers: { origin: server.url }, body: 'x=1' });
    expect(sameOrigin.status).not.toBe(403);
  });
});
