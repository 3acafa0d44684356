/**
 * The demo network: three fictional towns and one account per role. Runs on first start in demo mode only
 * (app/env.server.ts). The accounts get the password printed in the README only on a developer's machine;
 * with NODE_ENV=production or a PUBLIC_URL each installation gets a password of its own, and accounts still
 * holding the published one are moved to it (protectDemoAccounts). Their addresses are under a reserved
 * domain (.example), so no mail to them ever leaves the machine.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from 'postgres';
import { hashPassword, verifyPassword } from '../app/domain/auth/password.server';
import { DEMO_ACCOUNTS, DEMO_NEIGHBOURS } from './seed-data/demo-people';

export { DEMO_ACCOUNTS, DEMO_NEIGHBOURS };

export const DEMO_PASSWORD = 'weltoffen-demo';

/** This installation's own demo password: made once, kept beside the data (mode 0600). */
export function installationDemoPassword(dataDir: string): string {
  const file = path.join(dataDir, 'demo-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const password = crypto.randomBytes(12).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Demo accounts that still accept the published password get `password` instead. */
export async function protectDemoAccounts(sql: Sql, password: string): Promise<number> {
  const accounts = await sql`select id, password_hash from users where email = any(${DEMO_ACCOUNTS.map((a) => a.email)})`;
  let changed = 0;
  const passwordHash = await hashPassword(password);
  for (const account of accounts) {
    if (await verifyPassword(account.password_hash, DEMO_PASSWORD)) {
      await sql`update users set password_hash = ${passwordHash} where id = ${account.id}`;
      await sql`delete from user_sessions where user_id = ${account.id}`;
      changed++;
    }
  }
  return changed;
}

export const DEMO_TOWNS = [
  { slug: 'hafenstadt', name: 'Hafenstadt', state: 'SH', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'tr', 'ar', 'uk', 'pl'] },
  { slug: 'lindenau', name: 'Lindenau', state: 'SN', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'ru', 'uk', 'fa'] },
  { slug: 'seeheim-am-see', name: 'Seeheim am See', state: 'BW', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'tr', 'ar'] },
] as const;

/** Seeds once: returns false when the network already has towns. */
export async function seedDemoNetwork(sql: Sql, options: { password: string }): Promise<boolean> {
  const seeded = await seedPeopleAndTowns(sql, options.password);
  if (seeded) {
    const { seedDemoForums } = await import('./seed-forums');
    await seedDemoForums(sql, DEMO_TOWNS.map((t) => t.slug));
    const { seedDemoModeration } = await import('./seed-moderation');
    await seedDemoModeration(sql, DEMO_TOWNS[0].slug);
    const { seedDemoDialogues } = await import('./seed-dialogues');
    await seedDemoDialogues(sql);
    const { seedDemoIncidents } = await import('./seed-incidents');
    await seedDemoIncidents(sql, DEMO_TOWNS[0].slug);
    const { seedDemoSelfcheck } = await import('./seed-selfcheck');
    await seedDemoSelfcheck(sql);
    const { seedDemoPersonalData } = await import('./seed-personal-data');
    await seedDemoPersonalData(sql, DEMO_TOWNS[0].slug, 'bewohnerin@demo.weltoffen.example');
  }
  return seeded;
}

async function seedPeopleAndTowns(sql: Sql, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('weltoffen:seed'))`;
    const [{ count }] = await tx`select count(*)::int as count from municipalities`;
    if (count > 0) return false;
    const townIds = new Map<string, number>();
    for (const town of DEMO_TOWNS) {
      const [row] = await tx`insert into municipalities (slug, name, state, default_language, languages)
                             values (${town.slug}, ${town.name}, ${town.state}, ${town.defaultLanguage}, ${[...town.languages]}) returning id`;
      townIds.set(town.slug, Number(row.id));
    }
    for (const neighbour of DEMO_NEIGHBOURS) {
      const id = crypto.randomBytes(15).toString('base64url');
      const unusable = await hashPassword(crypto.randomBytes(32).toString('base64url'));
      await tx`insert into users (id, email, email_verified_at, display_name, password_hash, language)
               values (${id}, ${neighbour.email}, now(), ${neighbour.name}, ${unusable}, ${neighbour.language}) on conflict do nothing`;
      for (const slug of neighbour.towns) {
        await tx`insert into memberships (municipality_id, user_id, role) values (${townIds.get(slug)!}, ${id}, 'member')`;
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      const id = crypto.randomBytes(15).toString('base64url');
      await tx`insert into users (id, email, email_verified_at, display_name, password_hash, language, is_network_team)
               values (${id}, ${account.email}, now(), ${account.name}, ${passwordHash}, 'de', ${account.networkTeam ?? false})
               on conflict do nothing`;
      for (const [slug, role] of account.roles) {
        await tx`insert into memberships (municipality_id, user_id, role) values (${townIds.get(slug)!}, ${id}, ${role})`;
      }
    }
    return true;
  });
}
