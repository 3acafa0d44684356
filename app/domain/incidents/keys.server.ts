/**
 * The incident log's two keys, loaded once per process from configuration (app/env.server.ts): the
 * AES-256-GCM keys that seal content at rest and the Ed25519 key that signs chain heads. In demo mode both
 * are files created once in the data directory; a real installation configures them (see decision 015).
 */
import fs from 'node:fs/promises';
import { settings } from '#app/env.server';
import { DomainError } from '#app/domain/errors';
import { createEvidenceCipher, loadOrCreateEncryptionKeyFile, parseEncryptionKeys, type EvidenceCipher } from './evidence/encryption.server';
import { loadOrCreateSigningKeyFile, loadSigningKey, publicKeyFingerprint, publicKeyPem, type SigningKey } from './evidence/signing.server';

export interface IncidentKeys {
  cipher: EvidenceCipher;
  signing: SigningKey;
  publicKeyPem: string;
  fingerprint: string;
}

let loading: Promise<IncidentKeys> | null = null;

async function load(): Promise<IncidentKeys> {
  const config = settings().incidents;
  let keys;
  if (config.encryptionKeys) {
    try {
      keys = parseEncryptionKeys(config.encryptionKeys);
    } catch (error) {
      console.error(`[weltoffen] ${(error as Error).message}`);
      throw new DomainError('conflict', 'incidents:errors.notConfigured');
    }
  }
  else if (config.encryptionKeyFile && config.createMissing) keys = await loadOrCreateEncryptionKeyFile(config.encryptionKeyFile);
  else throw new DomainError('conflict', 'incidents:errors.notConfigured');
  if (!config.signingKeyFile) throw new DomainError('conflict', 'incidents:errors.notConfigured');
  let signing: SigningKey;
  try {
    signing = config.createMissing ? await loadOrCreateSigningKeyFile(config.signingKeyFile) : loadSigningKey(await fs.readFile(config.signingKeyFile, 'utf8'));
  } catch (error) {
    // The operator must see why; the person in front of the form gets "not set up", not a crash.
    console.error(`[weltoffen] Incident signing key ${config.signingKeyFile}: ${(error as Error).message}`);
    throw new DomainError('conflict', 'incidents:errors.notConfigured');
  }
  const pem = publicKeyPem(signing);
  return { cipher: createEvidenceCipher(keys), signing, publicKeyPem: pem, fingerprint: publicKeyFingerprint(pem) };
}

/** The keys; a configuration without them refuses incident work with a message instead of failing later. */
export function incidentKeys(): Promise<IncidentKeys> {
  loading ??= load().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}
