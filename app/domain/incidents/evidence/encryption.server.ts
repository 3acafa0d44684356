/**
 * Encryption at rest for incident content and attachments (AES-256-GCM). Each sealed value names the key it
 * was sealed with, so keys can be rotated without a flag day: new writes use the first (active) key, old
 * values stay readable while their key is listed, and `reencrypt` moves them over.
 *
 * The AAD (e.g. `incident:42:revision:3`) binds a ciphertext to its row: copied into another row it no longer
 * decrypts, so a database-level swap of evidence is detected, not served.
 *
 * Sealed layout: [0x01 version][key id length][key id (ASCII)][12-byte IV][16-byte tag][ciphertext].
 * The header is authenticated too (it is part of GCM's additional data).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createFileOnce } from './secret-file.server';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export type DecryptionFailure = 'malformed' | 'unknown-key' | 'not-authentic';

export class EvidenceDecryptionError extends Error {
  constructor(
    public readonly reason: DecryptionFailure,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceDecryptionError';
  }
}

const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Parses `INCIDENT_ENCRYPTION_KEYS`, e.g. `2026a:BASE64,2025b:BASE64`: the first key is the active one.
 * Generate a key with `openssl rand -base64 32`.
 * Errors name the entry and never echo key material.
 */
export function parseEncryptionKeys(value: string | undefined, variable = 'INCIDENT_ENCRYPTION_KEYS'): EncryptionKey[] {
  if (!value || !value.trim()) throw new Error(`${variable} is empty: give at least one key as id:base64`);
  // Commas for the environment variable; newlines too, so a key file can hold one key per line.
  const keys = value.split(/[\s,]+/).filter(Boolean).map((entry, index) => {
    const where = `${variable} entry ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) throw new Error(`${where}: expected id:base64`);
    const id = entry.slice(0, separator);
    const encoded = entry.slice(separator + 1);
    if (!KEY_ID.test(id)) throw new Error(`${where}: the id must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"`);
    // Buffer.from silently skips invalid characters; a typo must not become a different key.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) throw new Error(`${where} (${id}): the key is not valid base64`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`${where} (${id}): the key must be 32 bytes, got ${key.length}`);
    return { id, key };
  });
  const seen = new Set<string>();
  for (const { id } of keys) {
    if (seen.has(id)) throw new Error(`${variable}: the id ${id} is given twice`);
    seen.add(id);
  }
  return keys;
}

/** Demo mode: a key file in the same `id:base64` format, created once (mode 0600) and never overwritten. */
export async function loadOrCreateEncryptionKeyFile(filePath: string, newKeyId = 'local1'): Promise<EncryptionKey[]> {
  if (!KEY_ID.test(newKeyId)) throw new Error(`Encryption key id ${JSON.stringify(newKeyId)} is not allowed`);
  await createFileOnce(filePath, `${newKeyId}:${randomBytes(32).toString('base64')}\n`);
  return parseEncryptionKeys(await fs.readFile(filePath, 'utf8'), filePath);
}

export interface EvidenceCipher {
  readonly activeKeyId: string;
  encrypt(plaintext: Buffer, aad: string): Buffer;
  decrypt(sealed: Buffer, aad: string): Buffer;
  /** The key id a value was sealed with (without decrypting it). */
  keyIdOf(sealed: Buffer): string;
  /** True if sealed with a key other than the active one: a rotation job should `reencrypt` it. */
  needsReencryption(sealed: Buffer): boolean;
  reencrypt(sealed: Buffer, aad: string): Buffer;
}

export function createEvidenceCipher(keys: readonly EncryptionKey[]): EvidenceCipher {
  if (keys.length === 0) throw new Error('Evidence encryption needs at least one key');
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (!KEY_ID.test(id)) throw new Error(`Encryption key id ${JSON.stringify(id)} is not allowed`);
    if (key.length !== 32) throw new Error(`Encryption key ${id} must be 32 bytes, got ${key.length}`);
    if (byId.has(id)) throw new Error(`Encryption key id ${id} is given twice`);
    byId.set(id, Buffer.from(key));
  }
  const active = keys[0].id;

  const parse = (sealed: Buffer) => {
    if (!Buffer.isBuffer(sealed) || sealed.length < 2 || sealed[0] !== VERSION) {
      throw new EvidenceDecryptionError('malformed', 'Sealed evidence: unknown format or version');
    }
    const headerLength = 2 + sealed[1];
    if (sealed[1] === 0 || sealed.length < headerLength + IV_BYTES + TAG_BYTES) {
      throw new EvidenceDecryptionError('malformed', 'Sealed evidence: truncated');
    }
    const keyId = sealed.subarray(2, headerLength).toString('latin1');
    return {
      keyId,
      header: sealed.subarray(0, headerLength),
      iv: sealed.subarray(headerLength, headerLength + IV_BYTES),
      tag: sealed.subarray(headerLength + IV_BYTES, headerLength + IV_BYTES + TAG_BYTES),
      ciphertext: sealed.subarray(headerLength + IV_BYTES + TAG_BYTES),
    };
  };
  const additionalData = (header: Buffer, aad: string) => Buffer.concat([header, Buffer.from(aad, 'utf8')]);

  const cipher: EvidenceCipher = {
    activeKeyId: active,
    encrypt(plaintext, aad) {
      const header = Buffer.concat([Buffer.from([VERSION, active.length]), Buffer.from(active, 'latin1')]);
      const iv = randomBytes(IV_BYTES);
      const gcm = createCipheriv('aes-256-gcm', byId.get(active)!, iv, { authTagLength: TAG_BYTES });
      gcm.setAAD(additionalData(header, aad));
      const ciphertext = Buffer.concat([gcm.update(plaintext), gcm.final()]);
      return Buffer.concat([header, iv, gcm.getAuthTag(), ciphertext]);
    },
    decrypt(sealed, aad) {
      const { keyId, header, iv, tag, ciphertext } = parse(sealed);
      const key = byId.get(keyId);
      if (!key) throw new EvidenceDecryptionError('unknown-key', `Sealed evidence: key ${JSON.stringify(keyId)} is not configured`);
      const gcm = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      gcm.setAAD(additionalData(header, aad));
      gcm.setAuthTag(tag);
      try {
        return Buffer.concat([gcm.update(ciphertext), gcm.final()]);
      } catch {
        throw new EvidenceDecryptionError(
          'not-authentic',
          `Sealed evidence does not authenticate with key ${keyId}: wrong key, wrong row binding (aad), or the data was changed`,
        );
      }
    },
    keyIdOf: (sealed) => parse(sealed).keyId,
    needsReencryption: (sealed) => parse(sealed).keyId !== active,
    reencrypt: (sealed, aad) => cipher.encrypt(cipher.decrypt(sealed, aad), aad),
  };
  return cipher;
}
