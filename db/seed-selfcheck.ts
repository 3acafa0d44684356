/**
 * Demo Selbstcheck, written through the real domain path: the questionnaire "Weltoffene Kommune", two closed
 * rounds and an open one in the first town (so progress over time shows), a closed round in the other demo
 * towns and in three fictional towns (so the network benchmark, which needs five towns, shows), and one open
 * advice request. The fictional towns' people cannot sign in: random passwords nobody sees, addresses under
 * the reserved domain (like the forum neighbours).
 */
import crypto from 'node:crypto';
import type { Sql } from 'postgres';
import { DEMO_ACCOUNTS, DEMO_NEIGHBOURS } from './seed-data/demo-people';
import { weltoffeneKommuneTemplate } from './seed-data/selfcheck-template';

/** Fictional towns that only take part in the self-check. */
export const SELFCHECK_DEMO_TOWNS = [
  { slug: 'birkenau-am-fluss', name: 'Birkenau am Fluss', state: 'HE' },
  { slug: 'neukirchen-heide', name: 'Neukirchen (Heide)', state: 'NI' },
  { slug: 'wiesenthal', name: 'Wiesenthal', state: 'TH' },
] as const;

/** Per town, how far along it is in each of the five fields of action (0–1), before each person's own view. */
const PROFILES: Record<string, number[]> = {
  'hafenstadt#1': [0.35, 0.45, 0.6, 0.2, 0.5],
  'hafenstadt#2': [0.5, 0.55, 0.7, 0.35, 0.55],
  'hafenstadt#3': [0.6, 0.6, 0.75, 0.45, 0.65],
  lindenau: [0.55, 0.35, 0.45, 0.5, 0.7],
  'seeheim-am-see': [0.7, 0.65, 0.5, 0.6, 0.45],
  'birkenau-am-fluss': [0.25, 0.3, 0.35, 0.3, 0.4],
  'neukirchen-heide': [0.8, 0.7, 0.65, 0.75, 0.8],
  wiesenthal: [0.45, 0.5, 0.3, 0.4, 0.6],
};

/** What respondents remark, per field of action (demo text; shown to the town's staff without names). */
const REMARKS: string[][] = [
  ['Der Ratsbeschluss ist von 2019 und wurde seitdem nicht mehr besprochen.', 'Zuständig ist formal das Hauptamt, praktisch macht es die Gleichstellungsbeauftragte mit.'],
  ['Die Formulare gibt es nur auf Deutsch; beim Bürgerbüro hilft oft eine Kollegin auf Türkisch.', 'Die letzte Fortbildung zu interkultureller Kompetenz ist drei Jahre her.'],
  ['Die Bürgerversammlung zum Neubaugebiet war gut besucht, aber fast nur von Hausbesitzern.', 'Im Forum wird sachlich diskutiert, seit es Gesprächsregeln gibt.'],
  ['Nach der Drohmail an den Bürgermeister wusste niemand, wer was tun soll.', 'Die Polizei hat eine Ansprechperson benannt, die Nummer kennt aber kaum jemand.'],
  ['Der Runde Tisch trifft sich zweimal im Jahr, die Vereine wünschen sich mehr.', 'Die Initiative für Geflüchtete fühlt sich von der Verwaltung allein gelassen.'],
];

/** A small deterministic random source, so every demo looks the same. */
function random(seed: string) {
  let state = crypto.createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** One person's answers: their town's level per field, their own view (±), a few "not applicable" and gaps. */
function answersFor(profile: number[], seed: string, completeness = 1) {
  const next = random(seed);
  const answers: Record<string, { value?: string; comment?: string }> = {};
  weltoffeneKommuneTemplate.dimensions.forEach((dimension, d) => {
    for (const question of dimension.questions) {
      if (next() > completeness) continue;
      if (question.allowsNotApplicable && next() < 0.08) {
        answers[question.key] = { value: 'na' };
        continue;
      }
      const level = Math.min(1, Math.max(0, profile[d] + (next() - 0.5) * 0.5));
      const points = question.scale.points;
      const remark = question.allowsComment && next() < 0.06 ? REMARKS[d][Math.floor(next() * REMARKS[d].length)] : undefined;
      answers[question.key] = { value: String(points[Math.round(level * (points.length - 1))].value), ...(remark ? { comment: remark } : {}) };
    }
  });
  return answers;
}

export async function seedDemoSelfcheck(sql: Sql): Promise<void> {
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const { hashPassword } = await import('../app/domain/auth/password.server');
  const { insertNextVersion } = await import('../app/domain/selfcheck/templates.server');
  const { closeRound, inviteRespondents, openRound } = await import('../app/domain/selfcheck/rounds.server');
  const { saveMyAnswers } = await import('../app/domain/selfcheck/answers.server');
  const { requestAdvice } = await import('../app/domain/selfcheck/advice.server');
  const { sql: appSql } = await import('../app/database/client.server');

  const [network] = await sql`select id from users where email = ${DEMO_ACCOUNTS.find((a) => a.networkTeam)!.email}`;
  const template = await insertNextVersion(appSql, weltoffeneKommuneTemplate, network?.id ?? null);

  /** A person who only answers the self-check: cannot sign in (random password, reserved address). */
  const unusable = async (email: string, name: string, townId: number, role: string) => {
    const id = crypto.randomBytes(15).toString('base64url');
    const passwordHash = await hashPassword(crypto.randomBytes(32).toString('base64url'));
    await sql`insert into users (id, email, email_verified_at, display_name, password_hash, language) values (${id}, ${email}, now(), ${name}, ${passwordHash}, 'de')`;
    await sql`insert into memberships (municipality_id, user_id, role) values (${townId}, ${id}, ${role})`;
    return id;
  };
  const townIdOf = async (slug: string) => Number((await sql`select id from municipalities where slug = ${slug}`)[0].id);
  const membersOf = async (townId: number) =>
    (await sql`select user_id, role from memberships where municipality_id = ${townId} order by role, user_id`).map((r) => ({ userId: r.user_id as string, role: r.role as string }));

  /** A round answered by `people` and, unless `open`, closed at `closedAt`. */
  const round = async (townId: number, adminId: string, title: string, profileKey: string, people: string[], when: { opened: string; closed?: string; completeness?: number[] }) => {
    const admin = (await loadActor(adminId))!;
    const roundId = await openRound(admin, { townId, title, templateId: template.id });
    await inviteRespondents(admin, { townId, roundId, userIds: people });
    for (const [i, userId] of people.entries()) {
      const completeness = when.completeness?.[i] ?? 1;
      if (completeness === 0) continue;
      const person = (await loadActor(userId))!;
      await saveMyAnswers(person, { townId, roundId, answers: answersFor(PROFILES[profileKey], `${profileKey}:${i}`, completeness), finish: completeness === 1 });
    }
    if (when.closed) await closeRound(admin, { townId, roundId });
    // Dates as if the rounds had run over the last two years.
    await sql`update selfcheck_rounds set opened_at = ${when.opened}::timestamptz, closed_at = ${when.closed ?? null}::timestamptz where id = ${roundId}`;
    await sql`update selfcheck_respondents set invited_at = ${when.opened}::timestamptz, last_saved_at = coalesce(${when.closed ?? null}::timestamptz, last_saved_at),
                     finished_at = case when finished_at is null then null else coalesce(${when.closed ?? null}::timestamptz, finished_at) end
               where round_id = ${roundId}`;
    return roundId;
  };

  // Hafenstadt: two closed rounds a year apart and an open one, answered by the staff and some neighbours.
  const hafenstadt = await townIdOf('hafenstadt');
  const hafenMembers = await membersOf(hafenstadt);
  const hafenAdmin = hafenMembers.find((m) => m.role === 'admin')!.userId;
  const staff = hafenMembers.filter((m) => m.role !== 'member').map((m) => m.userId);
  const neighbours = (await sql`select id from users where email = any(${DEMO_NEIGHBOURS.map((n) => n.email)}) order by email`).map((r) => r.id as string);
  const hafenNeighbours = (await sql`select user_id from memberships where municipality_id = ${hafenstadt} and user_id = any(${neighbours})`).map((r) => r.user_id as string);
  const closedRound = await round(hafenstadt, hafenAdmin, 'Frühjahr 2025', 'hafenstadt#1', [...staff, ...hafenNeighbours.slice(0, 2)], { opened: '2025-03-03T09:00:00Z', closed: '2025-04-11T15:00:00Z' });
  void closedRound;
  const latest = await round(hafenstadt, hafenAdmin, 'Herbst 2025', 'hafenstadt#2', [...staff, ...hafenNeighbours.slice(0, 4)], { opened: '2025-09-15T09:00:00Z', closed: '2025-10-24T15:00:00Z' });
  // The open round: some have answered, some are half-way, the demo resident has not started.
  const resident = (await sql`select id from users where email = ${DEMO_ACCOUNTS.find((a) => a.label === 'Resident')!.email}`)[0].id as string;
  const openPeople = [...staff, ...hafenNeighbours.slice(0, 3), resident];
  await round(hafenstadt, hafenAdmin, 'Frühjahr 2026', 'hafenstadt#3', openPeople, {
    opened: '2026-03-02T09:00:00Z',
    completeness: openPeople.map((_, i) => [1, 0.6, 1, 0.3, 0, 1, 0.5][i % 7]).map((c, i) => (openPeople[i] === resident || openPeople[i] === hafenAdmin ? 0 : c)),
  });

  // Lindenau (admin account), Seeheim am See and three fictional towns: one closed round each.
  const lindenau = await townIdOf('lindenau');
  const lindenauMembers = await membersOf(lindenau);
  const lindenauAdmin = lindenauMembers.find((m) => m.role === 'admin')!.userId;
  const lindenauNeighbours = lindenauMembers.filter((m) => neighbours.includes(m.userId)).map((m) => m.userId);
  await round(lindenau, lindenauAdmin, 'Selbstcheck 2025', 'lindenau', [lindenauAdmin, ...lindenauNeighbours.slice(0, 4)], { opened: '2025-05-05T09:00:00Z', closed: '2025-06-20T12:00:00Z' });

  const others: { slug: string; closed: string }[] = [
    { slug: 'seeheim-am-see', closed: '2025-07-18T12:00:00Z' },
    { slug: 'birkenau-am-fluss', closed: '2025-08-29T12:00:00Z' },
    { slug: 'neukirchen-heide', closed: '2025-09-26T12:00:00Z' },
    { slug: 'wiesenthal', closed: '2025-11-14T12:00:00Z' },
  ];
  for (const [index, town] of others.entries()) {
    let townId: number;
    const fictional = SELFCHECK_DEMO_TOWNS.find((t) => t.slug === town.slug);
    if (fictional) {
      const [row] = await sql`insert into municipalities (slug, name, state, default_language, languages)
                              values (${fictional.slug}, ${fictional.name}, ${fictional.state}, 'de', ${['de', 'de-x-ls', 'en']}) returning id`;
      townId = Number(row.id);
    } else townId = await townIdOf(town.slug);
    const admin = await unusable(`selbstcheck-${town.slug}-verwaltung@demo.weltoffen.example`, `Verwaltung ${index + 1}`, townId, 'admin');
    const people = [admin];
    for (const n of [1, 2, 3]) people.push(await unusable(`selbstcheck-${town.slug}-${n}@demo.weltoffen.example`, `Befragte Person ${n}`, townId, n === 1 ? 'official' : 'member'));
    const opened = new Date(new Date(town.closed).getTime() - 40 * 86_400_000).toISOString();
    await round(townId, admin, 'Selbstcheck 2025', town.slug, people, { opened, closed: town.closed });
  }

  // One open advice request from Hafenstadt on its latest closed round.
  const admin = (await loadActor(hafenAdmin))!;
  await requestAdvice(admin, {
    townId: hafenstadt,
    roundId: latest,
    dimensionKey: 'schutz-anfeindungen',
    preferredFormat: 'visit',
    message: 'Unser schwächstes Handlungsfeld ist der Schutz vor Anfeindungen. Wir möchten einen Notfallablauf für Ratssitzungen und Bürgersprechstunden aufsetzen und suchen Beratung, am liebsten bei uns vor Ort mit der Verwaltungsspitze.',
  });
}
