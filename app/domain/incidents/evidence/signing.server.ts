/**
 * The server's Ed25519 signature on a chain head. The chain makes any change to earlier records visible; the
 * signature makes it impossible to rebuild the whole chain unnoticed, because only the server holds the key.
 * Anyone can check it offline with the public key (OpenSSL, Node, …).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import { canonicalJson } from './canonical';
import { createFileOnce } from './secret-file.server';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Exactly what is signed: small, canonical, and meaningful on its own. */
export interface ChainHeadMessage {
  /** Opaque id of the chain (e.g. the official's chain id). */
  chain: string;
  sequence: number;
  recordHash: string;
  signedAt: string;
}

export interface SignedChainHead {
  message: ChainHeadMessage;
  /** The canonical JSON of `message`: the exact bytes the signature covers (`chain-head.json` in a case file). */
  messageText: string;
  /** Raw 64-byte Ed25519 signature, base64. */
  signature: string;
}

/** Loads the key the app is configured with. Refuses anything but an Ed25519 private key, so a wrong secret fails at start-up. */
export function loadSigningKey(pkcs8Pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    // A PEM pasted into one environment variable often arrives with literal "\n"; base64 has no backslashes.
    privateKey = createPrivateKey({ key: pkcs8Pem.replace(/\\n/g, '\n'), format: 'pem' });
  } catch (error) {
    throw new Error(`Signing key: not a readable PEM private key (${(error as Error).message})`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`Signing key: expected an Ed25519 key, got ${privateKey.asymmetricKeyType ?? 'a symmetric key'}`);
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * Demo mode: the key lives in the data directory. Creates it (mode 0600, parent folders as needed) only if the
 * file does not exist; an existing key is never overwritten, because every signature made with it would
 * become unverifiable. Safe when two processes start at once: the exclusive create lets one win.
 */
export async function loadOrCreateSigningKeyFile(filePath: string): Promise<SigningKey> {
  try {
    return loadSigningKey(await fs.readFile(filePath, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  if (!(await createFileOnce(filePath, pem))) return loadSigningKey(await fs.readFile(filePath, 'utf8'));
  return loadSigningKey(pem);
}

export function signChainHead(
  key: SigningKey,
  head: { chain: string; sequence: number; recordHash: string },
  signedAt: Date = new Date(),
): SignedChainHead {
  const message: ChainHeadMessage = { chain: head.chain, sequence: head.sequence, recordHash: head.recordHash, signedAt: signedAt.toISOString() };
  const messageText = canonicalJson(message);
  const signature = sign(null, Buffer.from(messageText, 'utf8'), key.privateKey).toString('base64');
  return { message, messageText, signature };
}

/**
 * True only if `signature` is the key's signature over exactly `messageText`. Callers should then read the
 * head from `messageText` (JSON.parse), not from a separately stored copy, so that what they trust is what was signed.
 */
export function verifyChainHead(publicKeyPem: string | KeyObject, signed: { messageText: string; signature: string }): boolean {
  const publicKey = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  if (publicKey.asymmetricKeyType !== 'ed25519') return false;
  const signature = Buffer.from(signed.signature, 'base64');
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(signed.messageText, 'utf8'), publicKey, signature);
}

export const publicKeyPem = (key: SigningKey): string => key.publicKey.export({ type: 'spki', format: 'pem' }) as string;

/**
 * A short, human-comparable id of the public key: the first 128 bits of SHA-256 over its DER (SPKI) form,
 * in groups of four hex digits. Anyone can recompute it:
 * `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum` (compare the first 32 digits).
 */
export function publicKeyFingerprint(key: SigningKey | string | KeyObject): string {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : 'publicKey' in key ? key.publicKey : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(' ');
}
