/**
 * `verify.mjs`, shipped inside every case file: a standalone check that needs nothing but Node.js (≥ 18) —
 * no install, no network, no trust in Weltoffen's servers. It is deliberately a second, independent
 * implementation of the chain rules (canonical JSON, record hash, links): the case-file tests run it against
 * chains built by hash-chain.ts, so the two must agree.
 *
 * Kept free of backticks and dollar-brace so it can live in a raw template literal unchanged.
 */
export const CASE_FILE_VERIFIER = String.raw`#!/usr/bin/env node
// Verifies a Weltoffen case file offline. Standard library only (Node.js 18 or newer).
// Usage: node verify.mjs [folder]   (default: the folder this script is in)
// Exit code 0: everything verified. Exit code 1: something did not verify (see the lines marked FAILED).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = resolve(process.argv[2] || dirname(fileURLToPath(import.meta.url)));
const ZERO_HASH = '0'.repeat(64);
let failures = 0;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const ok = (text) => console.log('  OK      ' + text);
const failed = (text) => {
  failures++;
  console.log('  FAILED  ' + text);
};
const within = (name) => {
  const full = resolve(folder, name);
  if (!full.startsWith(folder + sep)) throw new Error('path points outside the case file: ' + name);
  return full;
};
const readText = (name) => readFileSync(within(name), 'utf8');

// RFC 8785 canonical JSON for values read by JSON.parse: keys sorted by UTF-16 code units, no whitespace,
// numbers and strings as JSON.stringify writes them.
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  return '{' + Object.keys(value).sort().map((key) => JSON.stringify(key) + ':' + canonical(value[key])).join(',') + '}';
}

function checkFiles() {
  console.log('1. Files against SHA256SUMS');
  const before = failures;
  let count = 0;
  for (const line of readText('SHA256SUMS').split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) {
      failed('unreadable line in SHA256SUMS: ' + line);
      continue;
    }
    count++;
    const file = within(match[2]);
    if (!existsSync(file)) failed(match[2] + ' is missing');
    else if (sha256(readFileSync(file)) !== match[1]) failed(match[2] + ' has changed (its SHA-256 differs)');
  }
  if (count === 0) failed('SHA256SUMS lists no files');
  else if (failures === before) ok('all ' + count + ' files are unchanged');
}

function checkChain() {
  console.log('2. Evidence chain (chain.json and attachments)');
  const chain = JSON.parse(readText('chain.json'));
  let previous = null;
  let withheld = 0;
  const provenFiles = new Set();
  for (const record of chain.records) {
    const expected = previous ? previous.sequence + 1 : 1;
    const broken = (why) => {
      failed('record ' + expected + ': ' + why + ' - the chain is verified only up to record ' + (expected - 1));
      return chain;
    };
    if (record.sequence !== expected) return broken('sequence gap (found record ' + record.sequence + ' where ' + expected + ' belongs)');
    if (record.previousHash !== (previous ? previous.recordHash : ZERO_HASH)) return broken('link broken (previousHash is not the hash of record ' + (expected - 1) + ')');
    const own = { sequence: record.sequence, kind: record.kind, receivedAt: record.receivedAt, contentHash: record.contentHash, previousHash: record.previousHash };
    if (sha256(canonical(own)) !== record.recordHash) return broken('record hash mismatch (the record itself was changed)');
    if (record.withheld === true) {
      withheld++;
    } else {
      if (!('content' in record)) return broken('content missing');
      if (sha256(canonical(record.content)) !== record.contentHash) return broken('content changed');
      if (record.kind === 'attachment') {
        if (typeof record.file !== 'string' || !existsSync(within(record.file))) return broken('attachment file missing');
        if (sha256(readFileSync(within(record.file))) !== record.content.sha256) return broken('attachment bytes changed (' + record.file + ')');
        provenFiles.add(within(record.file));
      }
    }
    previous = record;
  }
  // Every enclosed original must be proven by a record: marking its record as "withheld" must not hide a swap.
  const attachmentsFolder = within('attachments');
  for (const name of existsSync(attachmentsFolder) ? readdirSync(attachmentsFolder) : []) {
    if (!provenFiles.has(join(attachmentsFolder, name))) failed('attachments/' + name + ' is not proven by any record of chain.json');
  }
  if (!previous) failed('chain.json has no records');
  else ok(chain.records.length + ' records, each linked to the one before' + (withheld ? '; ' + withheld + ' belong to other incidents and are included as hashes only' : '') + '; head: record ' + previous.sequence + ' ' + previous.recordHash);
  return chain;
}

function checkSignature(chain) {
  console.log('3. Signature on the chain head (chain-head.json, chain-head.sig, public-key.pem)');
  const message = readFileSync(within('chain-head.json'));
  const signature = readFileSync(within('chain-head.sig'));
  const publicKey = createPublicKey(readFileSync(within('public-key.pem')));
  const fingerprint = sha256(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 32).match(/.{4}/g).join(' ');
  if (publicKey.asymmetricKeyType !== 'ed25519') failed('public-key.pem is not an Ed25519 key');
  else if (signature.length !== 64 || !verify(null, message, publicKey, signature)) failed('the signature does not verify: chain-head.json or chain-head.sig was changed, or another key signed it');
  else ok('signature verifies with the key whose fingerprint is ' + fingerprint);
  const head = JSON.parse(message.toString('utf8'));
  const last = chain && chain.records[chain.records.length - 1];
  if (!last || head.chain !== chain.chain || head.sequence !== last.sequence || head.recordHash !== last.recordHash) {
    failed('the signed head is not the last record of chain.json (signed: record ' + head.sequence + ' ' + head.recordHash + ')');
  } else {
    ok('the signed head is record ' + head.sequence + ' of chain ' + head.chain + ', signed at ' + head.signedAt);
  }
  console.log('   Compare the fingerprint with the one Weltoffen publishes: only then is the key really Weltoffen\'s.');
}

let chain = null;
for (const step of [checkFiles, () => (chain = checkChain()), () => checkSignature(chain)]) {
  try {
    step();
  } catch (error) {
    failed(error && error.message ? error.message : String(error));
  }
}
console.log(failures === 0 ? 'RESULT: OK - the case file is complete and unchanged.' : 'RESULT: FAILED - ' + failures + ' check(s) did not pass.');
process.exit(failures === 0 ? 0 : 1);
`;
