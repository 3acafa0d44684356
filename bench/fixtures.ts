/**
 * Bench data: a town with a forum and threads of 50, 100 and 10,000 posts. The first post of each thread
 * is written through the domain; the rest are bulk copies of it with their own positions, which is what the
 * page queries read (seeding 10,000 posts one by one would take minutes and measure nothing).
 */
import type { Sql } from 'postgres';

export interface BenchThreads {
  townSlug: string;
  forumSlug: string;
  threads: Record<'t50' | 't100' | 't10k', number>;
}

export async function seedBenchData(sql: Sql): Promise<BenchThreads> {
  const { createForum, getForum } = await import('../app/domain/forums/forums.server');
  const { createThread } = await import('../app/domain/forums/threads.server');
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const { hashPassword } = await import('../app/domain/auth/password.server');

  const [town] = await sql`insert into municipalities (slug, name, state, default_language, languages, posts_per_window)
                           values ('benchstadt', 'Benchstadt', 'NW', 'de', ${['de', 'en']}, 1000000) returning id`;
  const townId = Number(town.id);
  await sql`insert into users (id, email, email_verified_at, display_name, password_hash, is_network_team)
            values ('bench-user', 'bench@example.org', now(), 'Bench', ${await hashPassword('bench-password')}, true)`;
  await sql`insert into memberships (municipality_id, user_id, role) values (${townId}, 'bench-user', 'admin')`;
  const actor = await loadActor('bench-user');
  await createForum(actor, townId, { slug: 'bench', name: 'Bench', description: '', position: 0, staffOnlyPosting: false });
  const forum = await getForum(townId, 'bench');
  const body = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ein Punkt mit etwas Text, wie in echten Beiträgen.' }] }] }] }] });

  const threads = {} as BenchThreads['threads'];
  for (const [key, size] of [['t50', 50], ['t100', 100], ['t10k', 10_000]] as const) {
    const { threadId } = await createThread(actor, forum, { title: `Thread mit ${size} Beiträgen`, body: body('Ein ganz normaler Beitrag im Forum, mit ein paar Sätzen. Wir treffen uns am Samstag.'), language: 'de' });
    await sql`
      insert into posts (municipality_id, thread_id, position, author_id, body, body_html, body_text, language, search_vector, created_at)
      select p.municipality_id, p.thread_id, g.n, p.author_id, p.body, p.body_html, p.body_text, p.language, p.search_vector, now() - make_interval(secs => ${size} - g.n)
        from posts p cross join generate_series(2, ${size}) as g(n)
       where p.thread_id = ${threadId} and p.position = 1`;
    await sql`update threads set post_count = ${size}, visible_post_count = ${size} where id = ${threadId}`;
    threads[key] = threadId;
  }
  await sql`analyze`;
  return { townSlug: 'benchstadt', forumSlug: 'bench', threads };
}
