/**
 * Demo forums: the three forums per town with their translations, the demo threads, and in the first town one
 * long multilingual thread (hundreds of posts, to show paging). The texts are in seed-data/demo-conversations.ts;
 * everything is written through the real domain path so the demo looks exactly like real use.
 */
import type { Sql } from 'postgres';
import type { Actor } from '../app/domain/auth/permissions';
import {
  DEMO_THREADS,
  FORUM_TEXTS,
  LONG_THREAD,
  WELCOME_THREAD,
  fillTown,
  planLongThread,
  type DemoForumSlug,
  type DemoReply,
  type DemoWriter,
} from './seed-data/demo-conversations';

const FORUMS: { slug: DemoForumSlug; position: number; staffOnlyPosting: boolean }[] = [
  { slug: 'ankuendigungen', position: 0, staffOnlyPosting: true },
  { slug: 'zusammenleben', position: 1, staffOnlyPosting: false },
  { slug: 'ideen', position: 2, staffOnlyPosting: false },
];

/** A blank line separates paragraphs. */
const doc = (text: string) =>
  JSON.stringify({ type: 'doc', content: text.split('\n\n').map((paragraph) => ({ type: 'paragraph', content: [{ type: 'text', text: paragraph }] })) });

/** Who speaks for the administration, best first. */
const STAFF_VOICE = ['admin', 'official', 'organiser', 'moderator'];

interface Member {
  id: string;
  role: string;
  slug: string;
  language: string;
}

/**
 * The town's staff voice and the neighbours who write everything else: residents first, then the other staff,
 * but not the official (the mayor speaks in her own name, not in residents' words). The staff voice joins them
 * only where too few others are left for a conversation, so an answer from the administration rarely follows
 * its own author's post as a neighbour.
 */
function castOf(members: Member[], actors: Map<string, Actor>) {
  const staff = STAFF_VOICE.map((role) => members.find((m) => m.role === role)).find((m) => m) ?? members[0];
  const others = [...members.filter((m) => m.role === 'member'), ...members.filter((m) => m.role !== 'member' && m.role !== 'official' && m !== staff)];
  const neighbours = others.length >= 2 ? others : [...others, staff];
  const actorOf = (m: Member) => actors.get(m.id)!;
  /**
   * Neighbour n is the same person throughout a thread; a text in Turkish is written by a neighbour whose
   * language is Turkish where the town has one; nobody answers their own post straight away where another can.
   */
  return (by: DemoWriter, previousAuthor: string | null, language: string): Actor => {
    if (by === 'staff') return actorOf(staff);
    const speakers = neighbours.filter((m) => m.language === language);
    const pool = speakers.length ? speakers : neighbours.filter((m) => m.language === 'de').length ? neighbours.filter((m) => m.language === 'de') : neighbours;
    const chosen = actorOf(pool[by % pool.length]);
    return chosen.userId === previousAuthor && pool.length > 1 ? actorOf(pool[(by + 1) % pool.length]) : chosen;
  };
}

export async function seedDemoForums(sql: Sql, townSlugs: string[], longThreadPosts = 200): Promise<void> {
  // Imported here: the domain reads DATABASE_URL when it loads, which start-up sets just before.
  const { createForum, getForum } = await import('../app/domain/forums/forums.server');
  const { createThread, createReply } = await import('../app/domain/posting/posting.server');
  const { loadActor } = await import('../app/domain/auth/actor.server');

  const people = (await sql`select u.id, m.role, mu.slug, u.language from users u
                             join memberships m on m.user_id = u.id join municipalities mu on mu.id = m.municipality_id
                            order by u.email`) as unknown as Member[];
  const network = await sql`select id from users where is_network_team limit 1`;
  const networkActor = await loadActor(network[0].id);
  for (const slug of townSlugs) {
    const [town] = await sql`select id, name from municipalities where slug = ${slug}`;
    const townId = Number(town.id);
    for (const forum of FORUMS) {
      const texts = FORUM_TEXTS[forum.slug];
      await createForum(networkActor, {
        townId,
        ...forum,
        name: texts.name,
        description: texts.description,
        nameTranslations: texts.nameTranslations,
        descriptionTranslations: texts.descriptionTranslations,
      });
    }
    const members = people.filter((p) => p.slug === slug);
    if (!members.length) continue;
    // The demo writes faster than any person may: lift the posting limit while seeding.
    await sql`update municipalities set posts_per_window = 100000 where id = ${townId}`;
    const actors = new Map<string, Actor>();
    for (const m of members) actors.set(m.id, (await loadActor(m.id))!);
    const authorOf = castOf(members, actors);
    const forumIds = new Map<DemoForumSlug, number>();
    for (const { slug: forumSlug } of FORUMS) forumIds.set(forumSlug, (await getForum(null, { townId, slug: forumSlug, language: 'de' })).id);

    const writeThread = async (forum: DemoForumSlug, title: string, opening: DemoReply, replies: DemoReply[]) => {
      let author = authorOf(opening.by, null, opening.language);
      const { threadId } = await createThread(author, {
        townId,
        forumId: forumIds.get(forum)!,
        title,
        body: doc(fillTown(opening.text, town.name)),
        language: opening.language,
      });
      for (const reply of replies) {
        author = authorOf(reply.by, author.userId, reply.language);
        await createReply(author, { townId, threadId, body: doc(fillTown(reply.text, town.name)), language: reply.language });
      }
    };

    for (const thread of [WELCOME_THREAD, ...DEMO_THREADS]) await writeThread(thread.forum, thread.title, thread.opening, thread.replies);
    if (slug === townSlugs[0]) {
      await writeThread(LONG_THREAD.forum, LONG_THREAD.title, LONG_THREAD.opening, planLongThread(longThreadPosts - 1));
    }
    await sql`update municipalities set posts_per_window = 10 where id = ${townId}`;
    // Spread the demo over the last weeks, so "last activity" reads naturally.
    await sql`update posts set created_at = now() - make_interval(mins => ((select max(position) from posts q where q.thread_id = posts.thread_id) - position + (thread_id % 7) * 1440)::int)
               where municipality_id = ${townId}`;
    await sql`update threads set created_at = (select min(created_at) from posts where thread_id = threads.id),
                                 last_post_at = date_trunc('milliseconds', (select max(created_at) from posts where thread_id = threads.id))
               where municipality_id = ${townId}`;
  }
  await sql`delete from throttle_events where bucket like 'post:%'`;
  // The demo's own history is not news to its people.
  await sql`update notifications set read_at = now()`;
}
