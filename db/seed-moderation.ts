/**
 * Demo moderation for the first town, written through the real domain path: watched words, a shielded
 * mayor, a reported post, a held reply and a flagged one — so the demo moderator opens a queue with work
 * in it — and one decided case, so the public transparency report is not empty.
 */
import type { Sql } from 'postgres';
import { DEMO_ACCOUNTS } from './seed-data/demo-people';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export async function seedDemoModeration(sql: Sql, townSlug: string): Promise<void> {
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const { getForum } = await import('../app/domain/forums/forums.server');
  const { createThread, createReply } = await import('../app/domain/posting/posting.server');
  const { addWatchedWord } = await import('../app/domain/moderation/word-lists.server');
  const { setShield } = await import('../app/domain/moderation/settings.server');
  const { fileReport } = await import('../app/domain/moderation/reports.server');
  const { listQueue } = await import('../app/domain/moderation/cases.server');
  const { decide } = await import('../app/domain/moderation/decisions.server');

  const [town] = await sql`select id from municipalities where slug = ${townSlug}`;
  const townId = Number(town.id);
  // The accounts people sign in with, not the neighbours: whoever tries the demo meets their own reports and posts.
  const byRole = async (role: string) => {
    const [row] = await sql`select m.user_id as id from memberships m join users u on u.id = m.user_id
                             where m.municipality_id = ${townId} and m.role = ${role} and u.email = any(${DEMO_ACCOUNTS.map((a) => a.email)}) limit 1`;
    return loadActor(row.id);
  };
  const [moderator, official, organiser, resident, admin] = await Promise.all(['moderator', 'official', 'organiser', 'member', 'admin'].map(byRole));
  if (!moderator || !official || !organiser || !resident || !admin) return;
  const client = { ip: '127.0.0.1', language: 'de' };

  for (const [pattern, action] of [
    ['idiot*', 'block'],
    ['abschaum', 'hold'],
    ['volksverräter*', 'hold'],
    ['lügner*', 'flag'],
  ] as const) {
    await addWatchedWord(moderator, { townId, pattern, action });
  }

  const ideas = await getForum(null, { townId, slug: 'ideen', language: 'de' });
  await setShield(official, { townId, on: true });
  const { threadId: budget } = await createThread(official, { townId, forumId: ideas.id,
    title: 'Haushalt 2027: Ihre Fragen an die Bürgermeisterin',
    body: doc('Der Entwurf für den Haushalt 2027 liegt aus. Ich beantworte hier Ihre Fragen.'),
    language: 'de',
  });
  // Held by the mayor's shield: only the author and the moderators see it until it is reviewed.
  await createReply(resident, { townId, threadId: budget, body: doc('Warum wird schon wieder bei der Jugendarbeit gekürzt? Das ist eine Schande.'), language: 'de' });

  const { threadId: parking, postId: rude } = await createThread(organiser, { townId, forumId: ideas.id,
    title: 'Parkplätze am Markt',
    body: doc('Wer am Samstag am Markt parkt, ist einfach rücksichtslos. Solche Leute sollten hier wegziehen.'),
    language: 'de',
  });
  await fileReport(resident, { townId, postId: rude, target: 'post', category: 'insult', explanation: 'Pauschale Abwertung von Nachbarinnen und Nachbarn.', ...client });
  // Published, but reported automatically by the watched word "lügner*".
  await createReply(resident, { townId, threadId: parking, body: doc('Wer behauptet, es gäbe genug Parkplätze, ist ein Lügner.'), language: 'de' });

  // One decided case: a report that did not hold up.
  const { postId: harmless } = await createReply(admin, { townId, threadId: parking, body: doc('Ab Juni gibt es am Samstag einen Shuttlebus vom Bahnhof.'), language: 'de' });
  await fileReport(organiser, { townId, postId: harmless, target: 'post', category: 'spam', explanation: '', ...client });
  const item = (await listQueue(moderator, { townId })).find((i) => i.postId === harmless);
  if (item) {
    await decide(moderator, { townId, caseId: item.id, action: 'dismiss', ground: 'rules.no_violation', facts: 'Eine sachliche Information der Verwaltung, keine Werbung.', automated: false });
  }
}
