/**
 * The demo network: three fictional towns and one account per role, all with one printed password.
 * Runs on first start in demo mode only (never in production on a real database; see db/config.ts).
 */
import crypto from 'node:crypto';
import type { Sql } from 'postgres';
import { hashPassword } from '../app/domain/auth/password.server';

export const DEMO_PASSWORD = 'weltoffen-demo';

type Role = 'member' | 'moderator' | 'organiser' | 'official' | 'admin';

export const DEMO_TOWNS = [
  { slug: 'hafenstadt', name: 'Hafenstadt', state: 'SH', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'tr', 'ar', 'uk', 'pl'] },
  { slug: 'lindenau', name: 'Lindenau', state: 'SN', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'ru', 'uk', 'fa'] },
  { slug: 'seeheim-am-see', name: 'Seeheim am See', state: 'BW', defaultLanguage: 'de', languages: ['de', 'de-x-ls', 'en', 'tr', 'ar'] },
] as const;

export const DEMO_ACCOUNTS: { label: string; email: string; name: string; networkTeam?: boolean; roles: [string, Role][] }[] = [
  { label: 'Network team', email: 'netzwerk@demo.weltoffen.de', name: 'Netzwerkteam', networkTeam: true, roles: [] },
  { label: 'Town admin (Hafenstadt)', email: 'admin@demo.weltoffen.de', name: 'Amira Admin', roles: [['hafenstadt', 'admin']] },
  { label: 'Moderator (Hafenstadt)', email: 'moderation@demo.weltoffen.de', name: 'Moritz Moderation', roles: [['hafenstadt', 'moderator']] },
  { label: 'Organiser (Hafenstadt)', email: 'veranstaltung@demo.weltoffen.de', name: 'Olga Organisation', roles: [['hafenstadt', 'organiser']] },
  { label: 'Official / mayor (Hafenstadt)', email: 'buergermeisterin@demo.weltoffen.de', name: 'Bürgermeisterin Berg', roles: [['hafenstadt', 'official']] },
  { label: 'Resident', email: 'bewohnerin@demo.weltoffen.de', name: 'Rana R.', roles: [['hafenstadt', 'member'], ['lindenau', 'member']] },
  { label: 'Town admin (Lindenau)', email: 'admin-lindenau@demo.weltoffen.de', name: 'Lars Lindenau', roles: [['lindenau', 'admin']] },
];

/** Seeds once: returns false when the network already has towns. */
export async function seedDemoNetwork(sql: Sql): Promise<boolean> {
  const seeded = await seedPeopleAndTowns(sql);
  if (seeded) {
    const { seedDemoForums } = await import('./seed-forums');
    await seedDemoForums(sql, DEMO_TOWNS.map((t) => t.slug));
    const { seedDemoModeration } = await import('./seed-moderation');
    await seedDemoModeration(sql, DEMO_TOWNS[0].slug, process.env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${process.env.PORT ?? 3000}`);
  }
  return seeded;
}

async function seedPeopleAndTowns(sql: Sql): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
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
