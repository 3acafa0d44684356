/** The demo network seeded into a real database: the conversations arrive as written, translated and paged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/database/client.server';
import { getForum, listForums } from '#app/domain/forums/forums.server';
import { listPostsInLanguage, listPostsPage, POSTS_PER_PAGE } from '#app/domain/forums/posts.server';
import { searchTown } from '#app/domain/forums/search.server';
import { seedDemoNetwork } from '../seed';
import { DEMO_THREADS, FORUM_TEXTS, LONG_THREAD, WELCOME_THREAD, planLongThread } from './demo-conversations';

const bootstrap = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => bootstrap.end());

const townId = async (slug: string) => Number((await sql`select id from municipalities where slug = ${slug}`)[0].id);
const threadOf = async (slug: string, title: string) =>
  (await sql`select t.id, t.post_count from threads t join municipalities m on m.id = t.municipality_id where m.slug = ${slug} and t.title = ${title}`)[0];

beforeAll(async () => {
  expect(await seedDemoNetwork(bootstrap, { password: 'seed-test-password' })).toBe(true);
}, 180_000);

describe('the seeded demo forums', () => {
  it('are named in the reader’s language, and in German where no translation is asked for', async () => {
    const hafenstadt = await townId('hafenstadt');
    expect((await listForums(null, { townId: hafenstadt, language: 'ar' })).map((f) => f.name)).toEqual(
      Object.values(FORUM_TEXTS).map((f) => f.nameTranslations.ar)
    );
    const inEasyGerman = await getForum(null, { townId: hafenstadt, slug: 'ideen', language: 'de-x-ls' });
    expect([inEasyGerman.name, inEasyGerman.description]).toEqual([
      FORUM_TEXTS.ideen.nameTranslations['de-x-ls'],
      FORUM_TEXTS.ideen.descriptionTranslations['de-x-ls'],
    ]);
    expect((await listForums(null, { townId: await townId('seeheim-am-see'), language: 'de' })).map((f) => f.name)).toEqual(
      Object.values(FORUM_TEXTS).map((f) => f.name)
    );
  });

  it.each(['hafenstadt', 'lindenau'])('give %s every demo thread with its replies, each in its own language', async (slug) => {
    for (const thread of [WELCOME_THREAD, ...DEMO_THREADS]) {
      const { id } = await threadOf(slug, thread.title);
      const posts = await sql`select body_text, language, language_source from posts where thread_id = ${id} order by position`;
      expect(posts.map((p) => [p.language, p.languageSource])).toEqual([thread.opening, ...thread.replies].map((p) => [p.language, 'author']));
      expect(posts[0].bodyText).toContain(thread.opening.text.split('{town}')[0]);
    }
    const [welcome] = await sql`select body_text from posts p join threads t on t.id = p.thread_id
                                 join municipalities m on m.id = t.municipality_id where m.slug = ${slug} and t.title = ${WELCOME_THREAD.title}`;
    expect(welcome.bodyText).toContain(`Dialogforum von ${slug === 'hafenstadt' ? 'Hafenstadt' : 'Lindenau'}!`);
  });

  it('lets staff, not the mayor, answer for the administration in the first town', async () => {
    const staffReplies = await sql`
      select distinct ms.role from posts p join threads t on t.id = p.thread_id join memberships ms on ms.user_id = p.author_id and ms.municipality_id = p.municipality_id
       where t.title = any(${DEMO_THREADS.map((d) => d.title)}) and t.municipality_id = ${await townId('hafenstadt')}
         and p.body_text like any(${DEMO_THREADS.flatMap((d) => d.replies.filter((r) => r.by === 'staff').map((r) => `${r.text.slice(0, 30)}%`))})`;
    expect(staffReplies.map((r) => r.role)).toEqual(['admin']);
  });

  it('has one long thread of 200 posts in the first town only: 10 pages, no text twice, filterable by language', async () => {
    const long = await threadOf('hafenstadt', LONG_THREAD.title);
    expect(long.postCount).toBe(200);
    expect(await threadOf('lindenau', LONG_THREAD.title)).toBeUndefined();
    const texts = (await sql`select body_text from posts where thread_id = ${long.id} order by position`).map((p) => p.bodyText as string);
    expect(new Set(texts).size).toBe(200);
    expect(texts.slice(1)).toEqual(planLongThread(199).map((p) => p.text));
    expect(texts.some((t) => t.includes('(#'))).toBe(false);
    const lastPage = await listPostsPage(null, { threadId: long.id, page: 200 / POSTS_PER_PAGE });
    expect(lastPage.map((p) => p.position)).toEqual(Array.from({ length: POSTS_PER_PAGE }, (_, i) => 181 + i));
    const turkish = await listPostsInLanguage(null, { threadId: long.id, language: 'tr', afterPosition: 0 });
    expect(turkish.length).toBeGreaterThan(1);
    expect(turkish.every((p) => p.language === 'tr')).toBe(true);
  });

  it('is found by the search the end-to-end tests use', async () => {
    const { hits } = await searchTown(null, { townId: await townId('hafenstadt'), query: 'Spielplatz', language: 'de' });
    expect(hits.length).toBeGreaterThan(0);
  });

  it('leaves the posting limit as it was and its own history read', async () => {
    expect((await sql`select distinct posts_per_window from municipalities`).map((r) => r.postsPerWindow)).toEqual([10]);
    // The moderation seed, which runs afterwards, leaves its own news unread on purpose.
    const titles = [WELCOME_THREAD, ...DEMO_THREADS, LONG_THREAD].map((t) => t.title);
    const [{ read, unread }] =
      await sql`select count(*) filter (where n.read_at is not null)::int as read, count(*) filter (where n.read_at is null)::int as unread
                                            from notifications n join threads t on t.id = n.thread_id where t.title = any(${titles})`;
    expect([read > 0, unread]).toEqual([true, 0]);
  });
});

describe('the demo neighbours', () => {
  it('write in their own language where the town has someone who speaks it', async () => {
    const mismatched = await sql`
      select p.language, u.language as writer_language from posts p join users u on u.id = p.author_id
       join municipalities m on m.id = p.municipality_id
       where m.slug = 'hafenstadt' and u.email like 'nachba%' and p.language <> u.language and p.language <> 'de'`;
    expect(mismatched).toEqual([]);
  });

  it('cannot be signed into: neither the published demo password nor the installation password opens them', async () => {
    const { signIn } = await import('#app/domain/auth/accounts.server');
    const { DEMO_NEIGHBOURS, DEMO_PASSWORD } = await import('../seed');
    for (const password of [DEMO_PASSWORD, 'seed-test-password']) {
      await expect(signIn(null, { email: DEMO_NEIGHBOURS[0].email, password, ip: '192.0.2.7', https: false, deviceToken: null })).rejects.toMatchObject({ code: 'unauthenticated', i18nKey: 'auth:errors.wrongCredentials' });
    }
  });
});
