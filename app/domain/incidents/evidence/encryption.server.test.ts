import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvidenceCipher, loadOrCreateEncryptionKeyFile, parseEncryptionKeys, type EncryptionKey } from './encryption.server';

const key = (id: string): EncryptionKey => ({ id, key: randomBytes(32) });
const plaintext = Buffer.from('{"description":"Wir wissen, wo du wohnst."}');
const aad = 'incident:42:revision:3';

describe('evidence encryption', () => {
  const current = key('2026a');
  const cipher = createEvidenceCipher([current]);

  it('round-trips and never repeats a ciphertext', () => {
    const sealed = cipher.encrypt(plaintext, aad);
    expect(cipher.decrypt(sealed, aad)).toEqual(plaintext);
    expect(cipher.encrypt(plaintext, aad)).not.toEqual(sealed);
    expect(sealed.includes(plaintext)).toBe(false);
    expect(cipher.decrypt(cipher.encrypt(Buffer.alloc(0), aad), aad)).toEqual(Buffer.alloc(0));
  });

  it('is self-describing: version, key id, 12-byte IV, 16-byte tag, ciphertext', () => {
    const sealed = cipher.encrypt(plaintext, aad);
    expect(sealed[0]).toBe(1);
    expect(sealed.subarray(2, 2 + sealed[1]).toString()).toBe('2026a');
    expect(sealed.length).toBe(2 + 5 + 12 + 16 + plaintext.length);
    expect(cipher.keyIdOf(sealed)).toBe('2026a');
  });

  it('fails clearly with a wrong key under the same id', () => {
    const sealed = cipher.encrypt(plaintext, aad);
    expect(() => createEvidenceCipher([key('2026a')]).decrypt(sealed, aad)).toThrow(expect.objectContaining({ reason: 'not-authentic', message: expect.stringMatching(/wrong key/) }));
  });

  it('fails clearly with a key it does not have', () => {
    const sealed = cipher.encrypt(plaintext, aad);
    expect(() => createEvidenceCipher([key('2027a')]).decrypt(sealed, aad)).toThrow(expect.objectContaining({ reason: 'unknown-key', message: expect.stringMatching(/"2026a" is not configured/) }));
  });

  it('fails when moved to another row (wrong aad)', () => {
    const sealed = cipher.encrypt(plaintext, aad);
    expect(() => cipher.decrypt(sealed, 'incident:42:revision:4')).toThrow(expect.objectContaining({ reason: 'not-authentic' }));
  });

  it('fails on any single changed byte, header included', () => {
    const sealed = cipher.encrypt(plaintext, aad);
    for (let at = 0; at < sealed.length; at++) {
      const tampered = Buffer.from(sealed);
      tampered[at] ^= 0x01;
      expect(() => cipher.decrypt(tampered, aad), `byte ${at}`).toThrow(expect.objectContaining({ reason: expect.stringMatching(/^(malformed|unknown-key|not-authentic)$/) }));
    }
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['another version', Buffer.from([2, 1, 65, ...randomBytes(40)])],
    ['truncated', cipher.encrypt(plaintext, aad).subarray(0, 20)],
  ])('refuses %s input as malformed', (_name, sealed) => {
    expect(() => cipher.decrypt(sealed, aad)).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });

  it('rotates: reads old values, tells which need re-encryption, and re-encrypts to the active key', () => {
    const old = key('2025b');
    const sealedOld = createEvidenceCipher([old]).encrypt(plaintext, aad);
    const rotated = createEvidenceCipher([current, old]);
    expect(rotated.activeKeyId).toBe('2026a');
    expect(rotated.decrypt(sealedOld, aad)).toEqual(plaintext);
    expect(rotated.needsReencryption(sealedOld)).toBe(true);
    const sealedNew = rotated.reencrypt(sealedOld, aad);
    expect(rotated.needsReencryption(sealedNew)).toBe(false);
    expect(rotated.keyIdOf(sealedNew)).toBe('2026a');
    // Once every row is moved, the old key can go.
    expect(createEvidenceCipher([current]).decrypt(sealedNew, aad)).toEqual(plaintext);
    expect(() => rotated.reencrypt(sealedOld, 'incident:1:revision:1')).toThrow(expect.objectContaining({ reason: 'not-authentic' }));
  });

  it('refuses a bad key list', () => {
    expect(() => createEvidenceCipher([])).toThrow(/at least one key/);
    expect(() => createEvidenceCipher([{ id: 'a', key: randomBytes(16) }])).toThrow(/32 bytes, got 16/);
    expect(() => createEvidenceCipher([key('a'), key('a')])).toThrow(/twice/);
  });
});

describe('parseEncryptionKeys', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('reads id:base64 entries, first one active', () => {
    expect(parseEncryptionKeys(`2026a:${a.toString('base64')}, 2025b:${b.toString('base64')}`)).toEqual([{ id: '2026a', key: a }, { id: '2025b', key: b }]);
    expect(parseEncryptionKeys(`x:${a.toString('base64')}\ny:${b.toString('base64')}\n`).map((k) => k.id)).toEqual(['x', 'y']);
  });

  it.each([
    ['nothing', undefined, /is empty/],
    ['blank', '  ', /is empty/],
    ['no separator', a.toString('base64'), /entry 1: expected id:base64/],
    ['an empty id', `:${a.toString('base64')}`, /entry 1: the id must be/],
    ['a bad id', `key one:${a.toString('base64')}`, /entry 1: expected id:base64|entry 1: the id/],
    ['not base64', `a:${a.toString('base64').slice(0, -4)}!!!!`, /entry 1 \(a\): the key is not valid base64/],
    ['a short key', `a:${randomBytes(16).toString('base64')}`, /entry 1 \(a\): the key must be 32 bytes, got 16/],
    ['a repeated id', `a:${a.toString('base64')},a:${b.toString('base64')}`, /the id a is given twice/],
  ])('refuses %s with a clear error', (_name, value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(message);
  });

  it('never echoes key material in errors', () => {
    const secret = randomBytes(31).toString('base64');
    expect(() => parseEncryptionKeys(`a:${secret}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });
});

describe('loadOrCreateEncryptionKeyFile', () => {
  it('creates one key (mode 0600) once and keeps it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'enc-'));
    try {
      const file = path.join(dir, 'data', 'incident-encryption.keys');
      const [created] = await loadOrCreateEncryptionKeyFile(file);
      expect(created.key).toHaveLength(32);
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
      expect(await loadOrCreateEncryptionKeyFile(file, 'other')).toEqual([created]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
