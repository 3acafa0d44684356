/**
 * Counts per town (accounts, copies, deletions) for whom they are meant — a town's admins and the network
 * team, counts only — and the privacy and legal notices: the operator's files, else the sample texts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#app/domain/auth/permissions';
import { settings } from '#app/env.server';
import { actorOf, createUser, grantRole } from '../../../db/testing/factories';
import { createResident, createTownWithStaff, type Resident, type Town } from '../../../db/testing/personal-data-fixtures';
import { networkPersonalDataCounts, townPersonalDataCounts } from './counts.server';
import { buildDataExport, requestExport } from './export.server';
import { eraseAccount, requestDeletion } from './deletion.server';
import { legalText } from './legal.server';
import { parseLegalText } from './legal-text';

let town: Town;
let other: Town;
let resident: Resident;
const roles: Record<string, Actor> = {};
const forbidden = { code: 'forbidden' };

beforeAll(async () => {
  town = await createTownWithStaff('counts-town');
  other = await createTownWithStaff('counts-other');
  resident = await createResident(town, 'Counted Resident');
  for (const role of ['organiser', 'official'] as const) {
    const person = await createUser({ label: role });
    await grantRole(person.userId, town.townId, role);
    roles[role] = await actorOf(person.userId);
  }
  const stranger = await createUser({ label: 'stranger' });
  await grantRole(stranger.userId, other.townId, 'member');
  roles.otherTown = await actorOf(stranger.userId);
  await buildDataExport(await requestExport(resident.actor));
  await buildDataExport(await requestExport(resident.actor));
  const leaving = await createResident(town, 'Counted Leaver');
  await requestDeletion(leaving.actor, { content: 'keep', currentPassword: leaving.password });
  await eraseAccount({ userId: leaving.userId, asOf: new Date(Date.now() + 15 * 86_400_000) });
});

describe('counts per town', () => {
  it("the town's admins and the network team see them", async () => {
    // resident, moderator, admin, organiser, official
    const expected = { accounts: 5, exports: 2, deletions: 1 };
    expect(await townPersonalDataCounts(town.admin, { townId: town.townId })).toEqual(expected);
    expect(await townPersonalDataCounts(town.network, { townId: town.townId })).toEqual(expected);
    const rows = await networkPersonalDataCounts(town.network);
    expect(rows.find((r) => r.townId === town.townId)).toMatchObject({ slug: 'counts-town', ...expected });
    expect(rows.find((r) => r.townId === other.townId)).toMatchObject({ exports: 0, deletions: 0 });
    // the network team of both fixtures is in no town
    expect(rows.find((r) => r.townId === null)!.accounts).toBeGreaterThanOrEqual(2);
  });

  it('nobody else: guests, members, staff other than admins, and admins of another town', async () => {
    for (const actor of [null, resident.actor, town.moderator, roles.organiser, roles.official, roles.otherTown, other.admin]) {
      await expect(townPersonalDataCounts(actor, { townId: town.townId })).rejects.toMatchObject(forbidden);
    }
    for (const actor of [null, resident.actor, town.moderator, town.admin, roles.official]) {
      await expect(networkPersonalDataCounts(actor)).rejects.toMatchObject(forbidden);
    }
  });

  it('are counts only', async () => {
    const rows = await networkPersonalDataCounts(town.network);
    expect(JSON.stringify(rows)).not.toMatch(/@|Counted/);
  });
});

describe('privacy and legal notices', () => {
  it('are the sample texts in the reader’s language until the operator provides their own', () => {
    const de = legalText('privacy', 'de');
    expect(de.fromOperator).toBe(false);
    expect(de.blocks[0]).toEqual({ kind: 'heading', text: 'Verantwortlich' });
    expect(legalText('legal', 'ar').blocks.some((b) => b.kind === 'heading' && b.text === 'المشغّل')).toBe(true);
  });

  it("are the operator's files: per language, then the language's base, then one for all", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-'));
    fs.writeFileSync(path.join(dir, 'privacy.de.md'), '## Verantwortlich\nStadt Beispiel\n\n- eins\n- zwei\n<script>alert(1)</script>');
    fs.writeFileSync(path.join(dir, 'legal.md'), 'Impressum für alle Sprachen');
    const current = settings();
    const previous = current.legalTextsDir;
    current.legalTextsDir = dir;
    try {
      expect(legalText('privacy', 'de')).toEqual({
        fromOperator: true,
        blocks: [
          { kind: 'heading', text: 'Verantwortlich' },
          { kind: 'paragraph', text: 'Stadt Beispiel' },
          { kind: 'list', items: ['eins', 'zwei'] },
          // text, which the page renders as text
          { kind: 'paragraph', text: '<script>alert(1)</script>' },
        ],
      });
      expect(legalText('privacy', 'de-x-ls').fromOperator).toBe(true);
      expect(legalText('privacy', 'en').fromOperator).toBe(false);
      expect(legalText('legal', 'tr')).toEqual({ fromOperator: true, blocks: [{ kind: 'paragraph', text: 'Impressum für alle Sprachen' }] });
    } finally {
      current.legalTextsDir = previous;
    }
  });

  it('parses headings, lists and paragraphs, whatever the line endings', () => {
    expect(parseLegalText('# A\r\nline one\r\nline two\r\n\r\n* x\r\n- y\r\nafter')).toEqual([
      { kind: 'heading', text: 'A' },
      { kind: 'paragraph', text: 'line one line two' },
      { kind: 'list', items: ['x', 'y'] },
      { kind: 'paragraph', text: 'after' },
    ]);
    expect(parseLegalText('')).toEqual([]);
  });
});
