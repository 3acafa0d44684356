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

type Role = 'member' | 'moderator' | 'organiser' | 'official' | 'admin';

export const DEMO_TOWNS = [
  { slug: 'hafenstadt', name: 'Hafenstadt', state: 'SH', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'tr', 'ar', 'uk', 'pl'] },
  { slug: 'lindenau', name: 'Lindenau', state: 'SN', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'ru', 'uk', 'fa'] },
  { slug: 'seeheim-am-see', name: 'Seeheim am See', state: 'BW', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'tr', 'ar'] },
] as const;

export const DEMO_ACCOUNTS: { label: string; email: string; name: string; networkTeam?: boolean; roles: [string, Role][] }[] = [
  { label: 'Network team', email: 'netzwerk@demo.weltoffen.example', name: 'Netzwerkteam', networkTeam: true, roles: [] },
  { label: 'Town admin (Hafenstadt)', email: 'admin@demo.weltoffen.example', name: 'Amira Admin', roles: [['hafenstadt', 'admin']] },
  { label: 'Moderator (Hafenstadt)', email: 'moderation@demo.weltoffen.example', name: 'Moritz Moderation', roles: [['hafenstadt', 'moderator']] },
  { label: 'Organiser (Hafenstadt)', email: 'veranstaltung@demo.weltoffen.example', name: 'Olga Organisation', roles: [['hafenstadt', 'organiser']] },
  { label: 'Official / mayor (Hafenstadt)', email: 'buergermeisterin@demo.weltoffen.example', name: 'Bürgermeisterin Berg', roles: [['hafenstadt', 'official']] },
  { label: 'Resident', email: 'bewohnerin@demo.weltoffen.example', name: 'Rana R.', roles: [['hafenstadt', 'member'], ['lindenau', 'member']] },
  { label: 'Town admin (Lindenau)', email: 'admin-lindenau@demo.weltoffen.example', name: 'Lars Lindenau', roles: [['lindenau', 'admin']] },
];

/**
 * Neighbours who write in the demo forums, in the languages people in a German town write in. They cannot sign
 * in: each gets a random password nobody ever sees, and their addresses are under the reserved domain, so no
 * reset or sign-in mail reaches anyone.
 */
export const DEMO_NEIGHBOURS: { email: string; name: string; language: string; towns: string[] }[] = [
  { email: 'nachbar-jonas@demo.weltoffen.example', name: 'Jonas Weber', language: 'de', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbarin-mehmet@demo.weltoffen.example', name: 'Mehmet Yılmaz', language: 'tr', towns: ['hafenstadt'] },
  { email: 'nachbarin-olena@demo.weltoffen.example', name: 'Olena Kovalenko', language: 'uk', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbarin-samira@demo.weltoffen.example', name: 'سميرة حداد', language: 'ar', towns: ['hafenstadt'] },
  { email: 'nachbarin-agnieszka@demo.weltoffen.example', name: 'Agnieszka Nowak', language: 'pl', towns: ['hafenstadt'] },
  { email: 'nachbar-tom@demo.weltoffen.example', name: 'Tom Becker', language: 'en', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbarin-sabine@demo.weltoffen.example', name: 'Sabine König', language: 'de', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbar-dmitri@demo.weltoffen.example', name: 'Dmitri Petrow', language: 'ru', towns: ['lindenau', 'hafenstadt'] },
  { email: 'nachbarin-fatemeh@demo.weltoffen.example', name: 'فاطمه رحیمی', language: 'fa', towns: ['lindenau', 'hafenstadt'] },
];

/** Seeds once: returns false when the network already has towns. */
export async function seedDemoNetwork(sql: Sql, options: { password: string }): Promise<boolean> {
  const seeded = await seedPeopleAndTowns(sql, options.password);
  if (seeded) {
    const { seedDemoForums } = await import('./seed-forums');
    await seedDemoForums(sql, DEMO_TOWNS.map((t) => t.slug));
    const { seedDemoModeration } = await import('./seed-moderation');
    await seedDemoModeration(sql, DEMO_TOWNS[0].slug);
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
