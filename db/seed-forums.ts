/**
 * Demo forums: a few forums per town, several threads, and one long multilingual thread (hundreds of
 * posts), written through the real domain path so the demo looks exactly like real use.
 */
import type { Sql } from 'postgres';

const LINES: Record<string, string[]> = {
  de: [
    'Ich finde die Idee mit dem Nachbarschaftsfest am Hafen sehr gut. Wer hilft beim Aufbau?',
    'Können wir im Bürgerhaus auch eine Sprechstunde für neue Nachbarinnen und Nachbarn anbieten?',
    'Der Spielplatz an der Lindenstraße braucht dringend neue Bänke und mehr Schatten.',
    'Danke an alle, die gestern beim Müllsammeln mitgemacht haben!',
  ],
  en: [
    'I moved here last year and the welcome evening really helped me to find my way around.',
    'Could the library stay open longer on Thursdays? Many of us work until six.',
    'Great discussion so far. I would suggest we collect the ideas in a shared list.',
  ],
  tr: [
    'Mahalle şenliği için ben de yardım edebilirim, özellikle yemek standında.',
    'Kütüphanede Türkçe çocuk kitapları da olsa çok güzel olur.',
    'Otobüs saatleri akşamları çok seyrek, bunu belediyeyle konuşabilir miyiz?',
  ],
  ar: [
    'أشكركم على هذه المبادرة الجميلة، وأود المشاركة في تنظيم مهرجان الحي.',
    'هل يمكن توفير دروس لغة ألمانية مسائية للأمهات في مركز الحي؟',
  ],
  uk: [
    'Дякую за організацію зустрічі, було дуже корисно познайомитися з сусідами.',
    'Чи можна зробити консультації для новоприбулих родин українською мовою?',
  ],
  ru: [
    'Предлагаю организовать обмен книгами в библиотеке раз в месяц.',
    'Спасибо всем, кто помог с уборкой парка в субботу.',
  ],
  pl: [
    'Chętnie pomogę przy festynie sąsiedzkim, mogę przynieść ciasto.',
    'Czy w ośrodku kultury mogłyby się odbywać spotkania dla seniorów po południu?',
  ],
  fa: [
    'از برگزاری این جلسه ممنونم، برای همسایه‌های جدید خیلی مفید بود.',
    'آیا امکان دارد کلاس زبان آلمانی برای والدین در عصرها برگزار شود؟',
  ],
};

const FORUMS = [
  { slug: 'ankuendigungen', name: 'Ankündigungen', description: 'Neuigkeiten aus dem Rathaus und der Verwaltung.', position: 0, staffOnlyPosting: true },
  { slug: 'zusammenleben', name: 'Zusammenleben im Quartier', description: 'Nachbarschaft, Begegnung, Ideen und Sorgen.', position: 1, staffOnlyPosting: false },
  { slug: 'ideen', name: 'Ideen für unsere Stadt', description: 'Vorschläge, die wir gemeinsam weiterdenken.', position: 2, staffOnlyPosting: false },
];

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export async function seedDemoForums(sql: Sql, townSlugs: string[], longThreadPosts = 200): Promise<void> {
  // Imported here: the domain reads DATABASE_URL when it loads, which start-up sets just before.
  const { createForum, getForum } = await import('../app/domain/forums/forums.server');
  const { createThread, createReply } = await import('../app/domain/posting/posting.server');
  const { loadActor } = await import('../app/domain/auth/actor.server');

  const people = await sql`select u.id, m.municipality_id, m.role, mu.slug from users u
                            join memberships m on m.user_id = u.id join municipalities mu on mu.id = m.municipality_id`;
  const network = await sql`select id from users where is_network_team limit 1`;
  const languages = Object.keys(LINES);
  for (const slug of townSlugs) {
    const [town] = await sql`select id from municipalities where slug = ${slug}`;
    const townId = Number(town.id);
    const networkActor = await loadActor(network[0].id);
    for (const forum of FORUMS) await createForum(networkActor, { townId, ...forum, nameTranslations: {}, descriptionTranslations: {} });
    const members = people.filter((p) => p.slug === slug);
    if (!members.length) continue;
    // The demo writes faster than any person may: lift the posting limit while seeding.
    await sql`update municipalities set posts_per_window = 100000 where id = ${townId}`;
    const staff = members.find((m) => m.role !== 'member') ?? members[0];
    const writers = await Promise.all(members.map((m) => loadActor(m.id)));
    const staffActor = await loadActor(staff.id);
    const announcements = await getForum(null, { townId, slug: 'ankuendigungen', language: 'de' });
    await createThread(staffActor, { townId, forumId: announcements.id, title: 'Willkommen im Dialogforum', body: doc('Hier informiert die Verwaltung über Neuigkeiten. Diskutieren Sie gern in den anderen Foren mit!'), language: 'de' });
    const together = await getForum(null, { townId, slug: 'zusammenleben', language: 'de' });
    const ideas = await getForum(null, { townId, slug: 'ideen', language: 'de' });
    const titles = ['Nachbarschaftsfest im Sommer', 'Öffnungszeiten der Bibliothek', 'Sprachcafé für alle', 'Busverbindungen am Abend'];
    for (const [i, title] of titles.entries()) {
      const forum = i % 2 ? ideas : together;
      const author = writers[i % writers.length]!;
      const { threadId } = await createThread(author, { townId, forumId: forum.id, title, body: doc(LINES.de[i % LINES.de.length]), language: 'auto' });
      for (let r = 0; r < 3 + i; r++) {
        const lng = languages[(i + r) % languages.length];
        await createReply(writers[(r + 1) % writers.length], { townId, threadId, body: doc(LINES[lng][r % LINES[lng].length]), language: 'auto' });
      }
    }
    if (slug === townSlugs[0]) {
      const { threadId } = await createThread(writers[0]!, { townId, forumId: together.id, title: 'Wie wollen wir zusammenleben? Die große Runde', body: doc(LINES.de[0]), language: 'auto' });
      for (let r = 1; r < longThreadPosts; r++) {
        const lng = languages[r % languages.length];
        const text = `${LINES[lng][r % LINES[lng].length]} (#${r + 1})`;
        await createReply(writers[r % writers.length], { townId, threadId, body: doc(text), language: 'auto' });
      }
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
