import { describe, expect, it } from 'vitest';
import { forumSchema, newThreadSchema } from '../../app/domain/forums/schemas';
import { CONTENT_LANGUAGES } from '../../app/domain/forums/language';
import { SUPPORTED_LANGUAGES } from '../../app/i18n/languages';
import { DEMO_THREADS, FORUM_TEXTS, LONG_THREAD, WELCOME_THREAD, fillTown, planLongThread, type DemoPost } from './demo-conversations';

const OTHER_LANGUAGES = SUPPORTED_LANGUAGES.filter((lng) => lng !== 'de');
const threads = [WELCOME_THREAD, ...DEMO_THREADS];
const allPosts: DemoPost[] = [
  ...threads.flatMap((t) => [t.opening, ...t.replies]),
  LONG_THREAD.opening,
  ...LONG_THREAD.replies,
  ...LONG_THREAD.reactions,
  ...Object.entries(LONG_THREAD.reactionAdditions).flatMap(([language, texts]) => texts.map((text) => ({ language, text } as DemoPost))),
];
const allTexts = [
  ...Object.values(FORUM_TEXTS).flatMap((f) => [f.name, f.description, ...Object.values(f.nameTranslations), ...Object.values(f.descriptionTranslations)]),
  ...threads.map((t) => t.title),
  LONG_THREAD.title,
  ...allPosts.map((p) => p.text),
];

describe('the demo forums', () => {
  it('keep the German names the end-to-end tests click', () => {
    expect(Object.fromEntries(Object.entries(FORUM_TEXTS).map(([slug, f]) => [slug, f.name]))).toEqual({
      ankuendigungen: 'Ankündigungen',
      zusammenleben: 'Zusammenleben im Quartier',
      ideen: 'Ideen für unsere Stadt',
    });
  });

  it.each(Object.entries(FORUM_TEXTS))('%s passes the forum form with a name and a description in all eight other languages', (slug, texts) => {
    const parsed = forumSchema.safeParse({ slug, ...texts });
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // The schema drops unknown and empty languages: what is left must be all of them.
    expect(Object.keys(parsed.data!.nameTranslations).sort()).toEqual([...OTHER_LANGUAGES].sort());
    expect(Object.keys(parsed.data!.descriptionTranslations).sort()).toEqual([...OTHER_LANGUAGES].sort());
  });
});

describe('the demo threads', () => {
  it('keep the titles the end-to-end tests open, in the forums they look in', () => {
    expect(DEMO_THREADS.map((t) => [t.forum, t.title])).toEqual([
      ['zusammenleben', 'Nachbarschaftsfest im Sommer'],
      ['ideen', 'Öffnungszeiten der Bibliothek'],
      ['zusammenleben', 'Sprachcafé für alle'],
      ['ideen', 'Busverbindungen am Abend'],
    ]);
    expect([WELCOME_THREAD.forum, WELCOME_THREAD.title]).toEqual(['ankuendigungen', 'Willkommen im Dialogforum']);
    expect(LONG_THREAD.title).toBe('Wie wollen wir zusammenleben? Die große Runde');
  });

  it.each(DEMO_THREADS.map((t) => [t.title, t] as const))('"%s" has 4 to 8 replies, staff answering once, in more than one language', (_title, thread) => {
    expect(thread.replies.length).toBeGreaterThanOrEqual(4);
    expect(thread.replies.length).toBeLessThanOrEqual(8);
    expect(thread.replies.filter((r) => r.by === 'staff')).toHaveLength(1);
    expect(new Set(thread.replies.map((r) => r.language)).size).toBeGreaterThan(1);
  });

  it('have titles the thread form accepts', () => {
    for (const title of [...threads.map((t) => t.title), LONG_THREAD.title]) {
      expect(newThreadSchema.safeParse({ title, bodyText: 'x' }).success, title).toBe(true);
    }
  });

  it('are written in the languages posts can have, with the welcome text by staff', () => {
    const languages = new Set(allPosts.map((p) => p.language));
    expect([...languages].filter((lng) => !(CONTENT_LANGUAGES as readonly string[]).includes(lng))).toEqual([]);
    expect(Object.keys(LONG_THREAD.reactionAdditions).sort()).toEqual([...CONTENT_LANGUAGES].sort());
    expect(WELCOME_THREAD.opening.by).toBe('staff');
  });

  it('contain no numbering markers, no empty paragraph and no placeholder but {town}', () => {
    for (const text of allTexts) {
      expect(text).not.toContain('(#');
      expect(text.trim()).toBe(text);
      expect(
        text.split('\n\n').every((paragraph) => paragraph.trim().length > 0),
        text
      ).toBe(true);
      expect(fillTown(text, 'Hafenstadt')).not.toMatch(/[{}]/);
    }
  });
});

describe('the long thread', () => {
  const replies = LONG_THREAD.replies.map((r) => r.text);

  it('has at least 60 distinct replies in all eight written languages, and about 40 short reactions', () => {
    expect(new Set(replies).size).toBe(replies.length);
    expect(replies.length).toBeGreaterThanOrEqual(60);
    expect(new Set(LONG_THREAD.replies.map((r) => r.language))).toEqual(new Set(CONTENT_LANGUAGES));
    expect(LONG_THREAD.reactions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(LONG_THREAD.reactions.map((r) => r.text)).size).toBe(LONG_THREAD.reactions.length);
  });

  it('fills 199 replies (200 posts, 10 pages) without repeating a text, each written reply once and in order', () => {
    const plan = planLongThread(199);
    expect(plan).toHaveLength(199);
    expect(new Set(plan.map((p) => p.text)).size).toBe(199);
    expect(plan.map((p) => p.text).filter((text) => replies.includes(text))).toEqual(replies);
    expect(plan[0].text).toBe(replies[0]);
    // The paging test filters page 10 by Turkish; the search test looks for "Spielplatz".
    expect(plan.filter((p) => p.language === 'tr').length).toBeGreaterThan(1);
    expect(plan.some((p) => p.text.includes('Spielplatz'))).toBe(true);
  });

  it('keeps staff replies with staff and rotates everyone else', () => {
    const plan = planLongThread(199);
    expect(plan.filter((p) => p.by === 'staff')).toHaveLength(LONG_THREAD.replies.filter((r) => r.staff).length);
    for (const [i, post] of plan.entries()) if (post.by !== 'staff') expect(post.by).toBe(i + 1);
  });

  it('shrinks to fewer posts by leaving out later replies, never by repeating', () => {
    const plan = planLongThread(20);
    expect(plan.map((p) => p.text)).toEqual(replies.slice(0, 20));
  });
});
