/** The demo Selbstcheck seeded into a real database: progress in the first town, a benchmark that shows, advice waiting. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/database/client.server';
import { signIn } from '#app/domain/auth/accounts.server';
import { loadActor } from '#app/domain/auth/actor.server';
import { listRounds } from '#app/domain/selfcheck/rounds.server';
import { getRoundResults } from '#app/domain/selfcheck/results.server';
import { listAdviceQueue } from '#app/domain/selfcheck/advice.server';
import { getStocktaking } from '#app/domain/selfcheck/stocktaking.server';
import { DEMO_ACCOUNTS, seedDemoNetwork } from './seed';

const bootstrap = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => bootstrap.end());
const PASSWORD = 'seed-test-password';

const actorByEmail = async (email: string) => (await loadActor((await sql`select id from users where email = ${email}`)[0].id))!;

beforeAll(async () => {
  expect(await seedDemoNetwork(bootstrap, { password: PASSWORD })).toBe(true);
}, 180_000);

it('gives Hafenstadt two closed rounds that show progress, and an open one', async () => {
  const admin = await actorByEmail(DEMO_ACCOUNTS.find((a) => a.label === 'Town admin (Hafenstadt)')!.email);
  const townId = Number((await sql`select id from municipalities where slug = 'hafenstadt'`)[0].id);
  const rounds = await listRounds(admin, { townId });
  expect(rounds.map((r) => r.status)).toEqual(['open', 'closed', 'closed']);
  const latest = await getRoundResults(admin, { townId, roundId: rounds[1].id });
  expect(latest.comparison?.result.dimensions.filter((d) => d.direction === 'improved').length).toBeGreaterThan(2);
  // The demo benchmark shows: six towns closed a round on the questionnaire.
  expect(latest.benchmark.dimensions.every((d) => d.shown)).toBe(true);
  expect(latest.action.needs[0].dimensionKey).toBe('schutz-anfeindungen');
});

it('has one open advice request and a network view without single towns’ scores', async () => {
  const network = await actorByEmail(DEMO_ACCOUNTS.find((a) => a.networkTeam)!.email);
  const queue = await listAdviceQueue(network);
  expect(queue.filter((r) => r.status === 'open')).toHaveLength(1);
  const stock = await getStocktaking(network);
  expect(stock.towns.filter((t) => t.closedRounds > 0)).toHaveLength(6);
});

it('adds no account anyone can sign into', async () => {
  const accounts = (await sql`select email from users where email like 'selbstcheck-%'`).map((r) => r.email as string);
  expect(accounts.length).toBeGreaterThan(0);
  for (const email of accounts) {
    expect(email.endsWith('@demo.weltoffen.example')).toBe(true);
    await expect(signIn(null, { email, password: PASSWORD, ip: '203.0.113.9', https: false })).rejects.toThrow();
  }
});
