import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import {
  loadOrCreateSigningKeyFile,
  loadSigningKey,
  publicKeyFingerprint,
  publicKeyPem,
  signChainHead,
  verifyChainHead,
} from './signing.server';

const newPem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const head = { chain: 'official-42', sequence: 7, recordHash: 'ab'.repeat(32) };

describe('chain head signatures', () => {
  const key = loadSigningKey(newPem());
  const signed = signChainHead(key, head, new Date('2026-03-04T12:00:00.000Z'));

  it('signs the canonical message { chain, sequence, recordHash, signedAt }', () => {
    expect(signed.messageText).toBe(canonicalJson({ ...head, signedAt: '2026-03-04T12:00:00.000Z' }));
    expect(signed.message).toEqual(JSON.parse(signed.messageText));
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
  });

  it('verifies with the published public key', () => {
    expect(verifyChainHead(publicKeyPem(key), signed)).toBe(true);
  });

  it('fails with another key', () => {
    expect(verifyChainHead(publicKeyPem(loadSigningKey(newPem())), signed)).toBe(false);
  });

  it.each([
    ['sequence', { ...signed.message, sequence: 8 }],
    ['record hash', { ...signed.message, recordHash: 'ac' + 'ab'.repeat(31) }],
    ['chain', { ...signed.message, chain: 'official-43' }],
    ['time', { ...signed.message, signedAt: '2026-03-04T12:00:01.000Z' }],
  ])('fails with a changed %s', (_name, message) => {
    expect(verifyChainHead(publicKeyPem(key), { messageText: canonicalJson(message), signature: signed.signature })).toBe(false);
  });

  it('fails with a changed or truncated signature', () => {
    const bytes = Buffer.from(signed.signature, 'base64');
    bytes[0] ^= 1;
    expect(verifyChainHead(publicKeyPem(key), { ...signed, signature: bytes.toString('base64') })).toBe(false);
    expect(verifyChainHead(publicKeyPem(key), { ...signed, signature: bytes.subarray(0, 63).toString('base64') })).toBe(false);
  });

  it('shows a short fingerprint, the same from the key and from its PEM', () => {
    expect(publicKeyFingerprint(key)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(publicKeyFingerprint(publicKeyPem(key))).toBe(publicKeyFingerprint(key));
    expect(publicKeyFingerprint(loadSigningKey(newPem()))).not.toBe(publicKeyFingerprint(key));
  });
});

describe('loadSigningKey', () => {
  it('accepts a PEM whose newlines arrived as literal \\n', () => {
    const pem = newPem();
    expect(publicKeyPem(loadSigningKey(pem.replace(/\n/g, '\\n')))).toBe(publicKeyPem(loadSigningKey(pem)));
  });

  it.each([
    ['garbage', 'not a key', /not a readable PEM/],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, /expected an Ed25519 key, got rsa/],
  ])('refuses %s clearly', (_name, pem, message) => {
    expect(() => loadSigningKey(pem)).toThrow(message);
  });
});

describe('loadOrCreateSigningKeyFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'signing-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates the key with parent folders and mode 0600, then keeps using it', async () => {
    const file = path.join(dir, 'data', 'keys', 'incident-signing.pem');
    const created = await loadOrCreateSigningKeyFile(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const reloaded = await loadOrCreateSigningKeyFile(file);
    expect(publicKeyPem(reloaded)).toBe(publicKeyPem(created));
  });

  it('never overwrites an existing key, not even a broken one', async () => {
    const file = path.join(dir, 'key.pem');
    await fs.writeFile(file, 'broken');
    await expect(loadOrCreateSigningKeyFile(file)).rejects.toThrow(/not a readable PEM/);
    expect(await fs.readFile(file, 'utf8')).toBe('broken');
  });

  it('gives two processes starting at once the same key', async () => {
    const file = path.join(dir, 'key.pem');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadOrCreateSigningKeyFile(file)));
    expect(new Set([a, b, c].map(publicKeyPem)).size).toBe(1);
    expect(publicKeyPem(loadSigningKey(await fs.readFile(file, 'utf8')))).toBe(publicKeyPem(a));
    expect(await fs.readdir(dir)).toEqual(['key.pem']); // no drafts left behind
  });
});
