/**
 * Bench data: a town with a forum and threads of 50, 100 and 10,000 posts. The first post of each thread
 * is written through the domain; the rest are bulk copies of it with their own positions, which is what the
 * page queries read (seeding 10,000 posts one by one would take minutes and measure nothing).
 *
 * For the realtime scenarios: more threads (through the domain) and signed-in members. Members are rows plus
 * a lucia session made by the sessions module (signing 200 people in over HTTP would spend the bench's time
 * on argon2, which is not what it measures); their cookies then go through the real HTTP write path.
 */
import type { Sql } from 'postgres';

export interface BenchThreads {
  townId: number;
  townSlug: string;
  forumSlug: string;
  threads: Record<'t50' | 't100' | 't10k', number>;
}

export interface BenchPerson {
  userId: string;
  /** `weltoffen_session=…`, for a Cookie header */
  cookie: string;
}

const ADMIN = 'bench-user';

/** A body with a paragraph and a list, like an ordinary post. */
export const benchDoc = (text: string) =>
  JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ein Punkt mit etwas Text, wie in echten Beiträgen.' }] }] }] }] });

export async function seedBenchData(sql: Sql): Promise<BenchThreads> {
  const { createForum, getForum, setPostingLimit } = await import('../app/domain/forums/forums.server');
  const { createThread } = await import('../app/domain/posting/posting.server');
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const { hashPassword } = await import('../app/domain/auth/password.server');

  const [town] = await sql`insert into municipalities (slug, name, state, default_language, languages)
                           values ('benchstadt', 'Benchstadt', 'NW', 'de', ${['de', 'en']}) returning id`;
  const townId = Number(town.id);
  await sql`insert into users (id, email, email_verified_at, display_name, password_hash, is_network_team)
            values (${ADMIN}, 'bench@example.org', now(), 'Bench', ${await hashPassword('bench-password')}, true)`;
  await sql`insert into memberships (municipality_id, user_id, role) values (${townId}, ${ADMIN}, 'admin')`;
  const actor = await loadActor(ADMIN);
  // The realtime scenarios post 10 times a second as one person, and 200 people post as fast as the server
  // answers: the town's posting limit (a brake on floods, default 10 per 5 minutes) is raised as an admin
  // would, to the most the settings form allows.
  await setPostingLimit(actor, { townId, postsPerWindow: 10_000, postWindowMinutes: 1 });
  await createForum(actor, { townId, slug: 'bench', name: 'Bench', description: '', position: 0, staffOnlyPosting: false, nameTranslations: {}, descriptionTranslations: {} });
  const forum = await getForum(actor, { townId, slug: 'bench', language: 'de' });

  const threads = {} as BenchThreads['threads'];
  for (const [key, size] of [['t50', 50], ['t100', 100], ['t10k', 10_000]] as const) {
    const { threadId } = await createThread(actor, { townId, forumId: forum.id, title: `Thread mit ${size} Beiträgen`, body: benchDoc('Ein ganz normaler Beitrag im Forum, mit ein paar Sätzen. Wir treffen uns am Samstag.'), language: 'de' });
    await sql`
      insert into posts (municipality_id, thread_id, position, author_id, body, body_html, body_text, language, search_vector, created_at)
      select p.municipality_id, p.thread_id, g.n, p.author_id, p.body, p.body_html, p.body_text, p.language, p.search_vector, now() - make_interval(secs => ${size} - g.n)
        from posts p cross join generate_series(2, ${size}) as g(n)
       where p.thread_id = ${threadId} and p.position = 1`;
    await sql`update threads set post_count = ${size}, visible_post_count = ${size} where id = ${threadId}`;
    threads[key] = threadId;
  }
  await sql`analyze`;
  return { townId, townSlug: 'benchstadt', forumSlug: 'bench', threads };
}

/** A new thread in the bench forum (opened by the bench admin through the domain); its last position is 1. */
export async function createBenchThread(townId: number, title: string): Promise<number> {
  const { getForum } = await import('../app/domain/forums/forums.server');
  const { createThread } = await import('../app/domain/posting/posting.server');
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const actor = await loadActor(ADMIN);
  const forum = await getForum(actor, { townId, slug: 'bench', language: 'de' });
  const { threadId } = await createThread(actor, { townId, forumId: forum.id, title, body: benchDoc('Worum es in diesem Thread geht.'), language: 'de' });
  return threadId;
}

/** `count` verified members of the town, each with a session cookie of their own (the same people when a scenario runs twice, as fan-out-4 runs fan-out). */
export async function seedBenchPeople(sql: Sql, townId: number, label: string, count: number): Promise<BenchPerson[]> {
  const { createSession } = await import('../app/domain/auth/sessions.server');
  const [{ passwordHash }] = await sql`select password_hash as "passwordHash" from users where id = ${ADMIN}`;
  const ids = Array.from({ length: count }, (_, i) => `bench-${label}-${i + 1}`);
  await sql`insert into users (id, email, email_verified_at, display_name, password_hash)
            select id, id || '@example.org', now(), 'Bench ' || id, ${passwordHash} from unnest(${ids}::text[]) as id
            on conflict (id) do nothing`;
  await sql`insert into memberships (municipality_id, user_id, role) select ${townId}, id, 'member' from unnest(${ids}::text[]) as id
            on conflict do nothing`;
  const people: BenchPerson[] = [];
  for (const userId of ids) people.push({ userId, cookie: (await createSession(userId, false)).cookie.split(';')[0] });
  return people;
}
