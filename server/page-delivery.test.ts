/**
 * How a page leaves the production server: rendered whole (entry.server), sent in one piece and compressed in
 * one pass (server/http/remix-handler.ts). Whatever the browser accepts, it gets the same document: a doctype,
 * the page, and the loader data that hydration reads, with the stream that carries it closed. Bodies that
 * come in pieces (exports) still arrive whole.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from './build';
import { sendResponse } from './http/remix-handler';
import { startServerProcess, type ServerProcess } from './testing/live';
import { actorOf, createTownDirectly, createUser, grantRole, sessionCookieOf } from '../db/testing/factories';
import { createTestForum, startThread } from '../db/testing/forum-fixtures';
import { freePort } from '../db/testing/free-port';

let server: ServerProcess;
let threadPath: string;
let memberCookie: string;

beforeAll(async () => {
  await buildIfStale(() => {});
  const townId = await createTownDirectly('delivery-town');
  const forumId = await createTestForum(townId, 'talk');
  const member = await createUser({ label: 'delivery-member' });
  await grantRole(member.userId, townId, 'member');
  memberCookie = await sessionCookieOf(member);
  const { threadId } = await startThread(await actorOf(member.userId), townId, forumId, 'Delivered whole');
  threadPath = `/towns/delivery-town/threads/${threadId}`;
  server = await startServerProcess(await freePort(), { DATABASE_URL: process.env.DATABASE_URL! });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const withoutNonce = (response: Response, body: string) => body.split(response.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]).join('N');

describe('a page', () => {
  it('is the same document in brotli, gzip and uncompressed, with its hydration data', async () => {
    const documents = new Map<string, string>();
    for (const encoding of ['br', 'gzip', 'identity']) {
      const response = await fetch(`${server.url}${threadPath}`, { headers: { cookie: memberCookie, 'accept-encoding': encoding, 'accept-language': 'de' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding === 'identity' ? null : encoding);
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      const body = await response.text();
      expect(body).toMatch(/^<!DOCTYPE html><html lang="[a-z]+"/);
      expect(body).toContain('Delivered whole');
      // The single-fetch data in the page, whole: enqueued, then the stream closed (else hydration waits forever).
      expect(body).toMatch(/window\.__remixContext\.streamController\.enqueue\(.*Delivered whole.*\);<\/script>(?:<!--\$-->)?<script nonce="[^"]+">window\.__remixContext\.streamController\.close\(\);<\/script>/s);
      expect(body).toMatch(/<\/html>.*streamController\.close\(\);<\/script>(?:<!--\/\$-->)*$/s);
      const clientKey = body.match(/name="clientKey" value="([^"]+)"/)![1];
      documents.set(encoding, withoutNonce(response, body).split(clientKey).join('K'));
    }
    // The member's page differs only by its nonce and the composer's fresh key.
    expect(documents.get('br')).toBe(documents.get('identity'));
    expect(documents.get('gzip')).toBe(documents.get('identity'));
  });

  it('that is not found is a whole document too, answered 404', async () => {
    for (const path of ['/towns/delivery-town/threads/99999999', '/no-such-page']) {
      const response = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } });
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(body).toContain('streamController.close()');
    }
  });
});

describe('a body that comes in pieces', () => {
  it('arrives whole, compressed or not, in the order written', async () => {
    const pieces = Array.from({ length: 40 }, (_, i) => `piece ${i} ${'x'.repeat(3000)}\n`);
    const app = express();
    app.use(compression());
    app.get('/pieces', (_req, res, next) => {
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = pieces[pulled++];
          if (next === undefined) return controller.close();
          await new Promise((resolve) => setTimeout(resolve, 1));
          controller.enqueue(new TextEncoder().encode(next));
        },
      });
      sendResponse(res, new Response(body, { headers: { 'content-type': 'text/csv' } })).catch(next);
    });
    app.get('/empty', (_req, res, next) => void sendResponse(res, new Response(null, { status: 204 })).catch(next));
    const listener = http.createServer(app);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      for (const encoding of ['br', 'identity']) {
        const response = await fetch(`${base}/pieces`, { headers: { 'accept-encoding': encoding } });
        expect(response.headers.get('content-encoding')).toBe(encoding === 'identity' ? null : encoding);
        expect(await response.text()).toBe(pieces.join(''));
      }
      const empty = await fetch(`${base}/empty`);
      expect(empty.status).toBe(204);
      expect(await empty.text()).toBe('');
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});
