/** Test helpers that create people and towns through the real domain paths (and read mail from the outbox). */
import { sql } from '#app/database/client.server';
import { signIn, signUp, verifyEmail, type ClientFacts } from '#app/domain/auth/accounts.server';
import { loadActor } from '#app/domain/auth/actor.server';
import type { Actor, TownRole } from '#app/domain/auth/permissions';

let counter = 0;
export const uniqueEmail = (label = 'person') => `${label}-${process.pid}-${Date.now()}-${++counter}@example.org`;

/** A client as the web layer describes it to the domain: a test address of its own, English. */
export const testClient = (overrides: Partial<ClientFacts> = {}): ClientFacts => ({
  ip: `203.0.113.${(counter++ % 250) + 1}`,
  language: 'en',
  ...overrides,
});

/** The newest link of a kind (verify-email, reset-password, invitations, login/link) mailed to an address. */
export async function linkFromMail(email: string, pathPart: string): Promise<string> {
  const rows = await sql`select body_text from mail_outbox where lower(recipient) = lower(${email}) order by id desc`;
  for (const row of rows) {
    const match = (row.bodyText as string).match(new RegExp(`https?://\\S*${pathPart}\\S*`));
    if (match) return match[0];
  }
  throw new Error(`No mail with ${pathPart} for ${email}`);
}

export const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? link.split('/').pop()!;

export interface TestPerson {
  email: string;
  password: string;
  userId: string;
}

export async function createUser(options: { label?: string; verified?: boolean; password?: string } = {}): Promise<TestPerson> {
  const email = uniqueEmail(options.label);
  const password = options.password ?? 'correct horse battery';
  await signUp(null, { email, password, displayName: options.label ?? 'Test person', ...testClient({ ip: `198.51.100.${++counter % 250}` }) });
  if (options.verified !== false) await verifyEmail(null, { token: tokenOf(await linkFromMail(email, 'verify-email')) });
  const [user] = await sql`select id from users where email = ${email}`;
  return { email, password, userId: user.id };
}

/** A session cookie (name=value) for a test person, as a browser would send it. */
export async function sessionCookieOf(person: TestPerson): Promise<string> {
  const session = await signIn(null, { email: person.email, password: person.password, ip: testClient().ip, https: false });
  return session.cookie.split(';')[0];
}

export async function createTownDirectly(slug: string, name = slug): Promise<number> {
  const [row] = await sql`insert into municipalities (slug, name, state, default_language, languages)
                          values (${slug}, ${name}, 'NW', 'de', ${['de', 'en']}) returning id`;
  return Number(row.id);
}

/** Gives a role directly (test set-up only; the product path is invitations). */
export async function grantRole(userId: string, townId: number, role: TownRole): Promise<void> {
  await sql`insert into memberships (municipality_id, user_id, role) values (${townId}, ${userId}, ${role})
            on conflict (municipality_id, user_id) do update set role = excluded.role`;
}

export async function makeNetworkTeam(userId: string): Promise<void> {
  await sql`update users set is_network_team = true where id = ${userId}`;
}

export async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(userId);
  if (!actor) throw new Error('no such user');
  return actor;
}
