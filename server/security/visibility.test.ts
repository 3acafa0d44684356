/**
 * One readability rule, walked along every path and for every kind of viewer, against the production server:
 *
 * - a thread held for review, a held reply and everything inside a held thread exist only for their author and
 *   the town's moderators (moderator, town admin) — for anyone else every path answers as for something that
 *   does not exist (404, a refused join), and no answer contains their text;
 * - a post hidden by a moderator's decision shows a placeholder to everyone, and its text (current or earlier
 *   versions) appears in no answer to anyone;
 * - a deleted post shows no text on any path, to anyone.
 *
 * Each item carries unique marker words (server/security/scenario.ts), so `.includes(marker)` on a response
 * body, a socket acknowledgement or a live event is conclusive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ServerProcess } from '../testing/live';
import { createScenario, happenings, marker, storedPostsContaining, VIEWERS, type Item, type Scenario, type Viewer } from './scenario';
import { emitWithAck, englishText, get, post, SocketClients, startSecurityServer, type Ack, type Answer } from './support';

type ItemName = keyof Scenario['items'];
const HELD: ItemName[] = ['heldThread', 'heldReply', 'heldThreadReply'];
const REMOVED: ItemName[] = ['hidden', 'deleted'];
const ITEMS: ItemName[] = [...HELD, ...REMOVED];
const UNKNOWN_ID = 987_654_321;

/** Who may read held items: their author and the town's moderators and admins. */
const readsHeld = (viewer: Viewer) => viewer === 'author' || viewer === 'moderator' || viewer === 'admin';
/** May the viewer reach the item at all (held: only its readers; hidden and deleted: everyone, as a placeholder)? */
const reaches = (viewer: Viewer, name: ItemName) => (HELD.includes(name) ? readsHeld(viewer) : true);
/** May the viewer read the item's text? Never for hidden and deleted posts. */
const readsText = (viewer: Viewer, name: ItemName) => HELD.includes(name) && readsHeld(viewer);
const moderates = (viewer: Viewer) => viewer === 'moderator' || viewer === 'admin';

let server: ServerProcess;
let scenario: Scenario;
const clients = new SocketClients();

beforeAll(async () => {
  scenario = await createScenario();
  server = await startSecurityServer();
}, 120_000);

afterAll(async () => {
  clients.closeAll();
  await server?.stop();
});

const cookieOf = (viewer: Viewer) => scenario.cookies[viewer];
const townPath = (rest: string) => `/towns/${scenario.townA.slug}${rest}`;
const describeAnswer = (answer: Answer) => `${answer.status}${answer.location ? ` → ${answer.location}` : ''}`;

/** The item's markers that occur in `text`. */
const leaked = (text: string, item: Item) => item.markers.filter((word) => text.includes(word));

/**
 * Collects every way one viewer's answers break the rule, so that a failing test lists all of them at once
 * (path, item, what came back) instead of stopping at the first.
 */
class Findings {
  readonly problems: string[] = [];

  add(problem: string) {
    this.problems.push(problem);
  }

  /** No marker of the item in the text, unless the viewer may read it. */
  noText(viewer: Viewer, where: string, text: string, name: ItemName) {
    if (readsText(viewer, name)) return;
    const words = leaked(text, scenario.items[name]);
    if (words.length) this.add(`${where}: shows the text of ${name} (${words.join(', ')})`);
  }

  status(where: string, answer: Answer, allowed: number[]) {
    if (!allowed.includes(answer.status)) this.add(`${where}: expected ${allowed.join(' or ')}, got ${describeAnswer(answer)}`);
  }
}

describe.each(VIEWERS)('as %s', (viewer) => {
  it('thread pages (HTML, loader data, language filter): held threads are 404, held replies and hidden or deleted text absent', async () => {
    const findings = new Findings();
    const cookie = cookieOf(viewer);
    const hiddenPlaceholder = englishText('moderation:post.hidden');
    const deletedPlaceholder = englishText('forums:post.deleted');
    for (const suffix of ['', '.data', '?lang=de']) {
      const held = await get(server.url, townPath(`/threads/${scenario.threads.held}${suffix}`), { cookie });
      const where = `GET held thread${suffix}`;
      if (readsHeld(viewer)) {
        findings.status(where, held, [200]);
        if (!held.body.includes(scenario.items.heldThreadReply.markers[0])) findings.add(`${where}: a reader of the held thread does not see its posts`);
      } else {
        findings.status(where, held, [404]);
      }
      for (const name of ['heldThread', 'heldThreadReply'] as const) findings.noText(viewer, where, held.body, name);

      const open = await get(server.url, townPath(`/threads/${scenario.threads.open}${suffix}`), { cookie });
      const openWhere = `GET open thread${suffix}`;
      findings.status(openWhere, open, [200]);
      for (const name of ['heldReply', 'hidden', 'deleted'] as const) findings.noText(viewer, openWhere, open.body, name);
      if (!open.body.includes(scenario.published.reply.markers[0])) findings.add(`${openWhere}: the published reply is missing`);
      if (readsHeld(viewer) && !open.body.includes(scenario.items.heldReply.markers[0])) findings.add(`${openWhere}: the held reply is not shown to a reader of held posts`);
      if (suffix === '') {
        if (!open.body.includes(hiddenPlaceholder)) findings.add(`${openWhere}: no placeholder for the hidden post`);
        if (!open.body.includes(deletedPlaceholder)) findings.add(`${openWhere}: no placeholder for the deleted post`);
      }
    }
    expect(findings.problems).toEqual([]);
  });

  it('permalinks /posts/:id: 404 for what the viewer may not read, never revealing where it lives', async () => {
    const findings = new Findings();
    for (const name of ITEMS) {
      const item = scenario.items[name];
      const answer = await get(server.url, `/posts/${item.postId}`, { cookie: cookieOf(viewer) });
      const where = `GET /posts/${item.postId} (${name})`;
      findings.noText(viewer, where, answer.body, name);
      const threadPage = `/towns/${item.townSlug}/threads/${item.threadId}`;
      if (!reaches(viewer, name)) {
        findings.status(where, answer, [404]);
        if (answer.location) findings.add(`${where}: reveals its place (${answer.location})`);
      } else if (HELD.includes(name)) {
        findings.status(where, answer, [302]);
        if (answer.location && new URL(answer.location, server.url).pathname !== threadPage) findings.add(`${where}: leads to ${answer.location}, not ${threadPage}`);
      } else {
        findings.status(where, answer, [302, 404]);
      }
    }
    const published = scenario.published.reply;
    const control = await get(server.url, `/posts/${published.postId}`, { cookie: cookieOf(viewer) });
    findings.status('GET permalink of a published reply', control, [302]);
    expect(findings.problems).toEqual([]);
  });

  it('edit history /towns/:slug/posts/:id/history', async () => {
    const findings = new Findings();
    for (const name of ITEMS) {
      const item = scenario.items[name];
      const answer = await get(server.url, townPath(`/posts/${item.postId}/history`), { cookie: cookieOf(viewer) });
      const where = `GET history of ${name}`;
      // Hidden and deleted posts have an earlier version: that one must not show either.
      findings.noText(viewer, where, answer.body, name);
      if (!reaches(viewer, name)) findings.status(where, answer, [404]);
      else if (answer.status >= 500) findings.add(`${where}: ${describeAnswer(answer)}`);
    }
    expect(findings.problems).toEqual([]);
  });

  it('report form /towns/:slug/posts/:id/report (page and submission)', async () => {
    const findings = new Findings();
    for (const name of ITEMS) {
      const item = scenario.items[name];
      const path = townPath(`/posts/${item.postId}/report`);
      const page = await get(server.url, path, { cookie: cookieOf(viewer) });
      findings.noText(viewer, `GET report page of ${name}`, page.body, name);
      if (!reaches(viewer, name)) findings.status(`GET report page of ${name}`, page, [404]);
      else if (page.status >= 500) findings.add(`GET report page of ${name}: ${describeAnswer(page)}`);

      const sent = await post(server.url, path, { target: 'post', category: 'spam', explanation: '' }, { cookie: cookieOf(viewer) });
      findings.noText(viewer, `POST report of ${name}`, sent.body, name);
      if (!reaches(viewer, name)) findings.status(`POST report of ${name}`, sent, [404]);
      else if (sent.status >= 500) findings.add(`POST report of ${name}: ${describeAnswer(sent)}`);
    }
    expect(findings.problems).toEqual([]);
  });

  it('edit form /towns/:slug/posts/:id/edit: only the author edits; "not yours" looks like "not found" for held items', async () => {
    const findings = new Findings();
    const authorOf: Record<ItemName, Viewer> = { heldThread: 'author', heldReply: 'author', heldThreadReply: 'moderator', hidden: 'author', deleted: 'author' };
    for (const name of ITEMS) {
      const item = scenario.items[name];
      const path = townPath(`/posts/${item.postId}/edit`);
      const answers: [string, Answer][] = [[`GET edit page of ${name}`, await get(server.url, path, { cookie: cookieOf(viewer) })]];
      // The author's own edit is no attack (and would change the scenario for the viewers after this one).
      if (authorOf[name] !== viewer) {
        answers.push([`POST edit of ${name}`, await post(server.url, path, { bodyText: `Übernommen ${marker('takeover')}`, language: 'de' }, { cookie: cookieOf(viewer) })]);
      }
      for (const [where, answer] of answers) {
        findings.noText(viewer, where, answer.body, name);
        if (viewer === 'guest') {
          if (answer.status !== 302 || !answer.location?.startsWith('/login')) findings.add(`${where}: expected the sign-in redirect, got ${describeAnswer(answer)}`);
        } else if (authorOf[name] === viewer) {
          if (answer.status >= 500) findings.add(`${where}: ${describeAnswer(answer)}`);
        } else {
          findings.status(where, answer, reaches(viewer, name) ? [403, 404] : [404]);
        }
      }
    }
    expect(findings.problems).toEqual([]);
  });

  it('search /towns/:slug/search finds no held, hidden or deleted text', async () => {
    const findings = new Findings();
    const results = (answer: Answer) => answer.body.match(/<ol class="search-results">([\s\S]*?)<\/ol>/)?.[1] ?? '';
    for (const name of ITEMS) {
      for (const word of scenario.items[name].markers) {
        const answer = await get(server.url, townPath(`/search?q=${word}`), { cookie: cookieOf(viewer) });
        findings.status(`search ${name}`, answer, [200]);
        findings.noText(viewer, `search for ${word} (${name})`, results(answer), name);
      }
    }
    const control = await get(server.url, townPath(`/search?q=${scenario.published.reply.markers[0]}`), { cookie: cookieOf(viewer) });
    if (!results(control).includes(scenario.published.reply.markers[0])) findings.add('search does not find a published reply (the check would prove nothing)');
    expect(findings.problems).toEqual([]);
  });

  it("the forum's thread list shows a held thread's title only to its readers", async () => {
    const answer = await get(server.url, townPath(`/forums/${scenario.forums.premoderated.slug}`), { cookie: cookieOf(viewer) });
    expect(answer.status).toBe(200);
    expect(answer.body.includes(scenario.items.heldThread.markers[0])).toBe(readsHeld(viewer));
  });

  it("a member's copy of their data downloads for that member only; counts of personal data for admins and the network team", async () => {
    const findings = new Findings();
    const download = await get(server.url, `/account/privacy/exports/${scenario.exportId}`, { cookie: cookieOf(viewer) });
    const where = 'GET the export of member';
    if (viewer === 'member') findings.status(where, download, [200]);
    else if (viewer === 'guest') findings.status(where, download, [302]);
    else findings.status(where, download, [404]);
    const counts = await get(server.url, townPath('/personal-data'), { cookie: cookieOf(viewer) });
    if (viewer === 'admin' || viewer === 'network') findings.status('GET counts of town A', counts, [200]);
    else findings.status('GET counts of town A', counts, viewer === 'guest' ? [302] : [403, 404]);
    const network = await get(server.url, '/network/personal-data', { cookie: cookieOf(viewer) });
    findings.status('GET network counts', network, viewer === 'network' ? [200] : viewer === 'guest' ? [302] : [403]);
    expect(findings.problems).toEqual([]);
  });

  it('moderation pages are closed to everyone but the town’s moderators', async () => {
    const findings = new Findings();
    const pages = [
      '/moderation',
      `/moderation/cases/${scenario.heldCaseId}`,
      `/moderation/appeals/${scenario.appealId}`,
      '/moderation/audit',
      '/moderation/settings',
      '/moderation/words',
      '/moderation/words.csv',
      `/threads/${scenario.threads.held}/moderate`,
      `/threads/${scenario.threads.open}/moderate`,
    ];
    for (const page of pages) {
      const answer = await get(server.url, townPath(page), { cookie: cookieOf(viewer) });
      const where = `GET ${page}`;
      if (moderates(viewer)) {
        findings.status(where, answer, [200]);
        continue;
      }
      for (const name of ITEMS) findings.noText(viewer, where, answer.body, name);
      if (viewer === 'guest') {
        if (!(answer.status === 302 && answer.location?.startsWith('/login')) && ![403, 404].includes(answer.status)) findings.add(`${where}: ${describeAnswer(answer)}`);
      } else {
        findings.status(where, answer, [403, 404]);
      }
    }
    expect(findings.problems).toEqual([]);
  });

  it('notifications and statements of reasons show nothing the viewer may not read', async () => {
    const findings = new Findings();
    const notifications = await get(server.url, '/notifications', { cookie: cookieOf(viewer) });
    if (viewer === 'guest') findings.status('GET /notifications', notifications, [302]);
    else findings.status('GET /notifications', notifications, [200]);
    for (const name of ITEMS) findings.noText(viewer, 'GET /notifications', notifications.body, name);

    const decision = await get(server.url, `/decisions/${scenario.hideDecisionId}`, { cookie: cookieOf(viewer) });
    const concerned = viewer === 'author' || moderates(viewer);
    if (viewer === 'guest') findings.status('GET /decisions/:id', decision, [302]);
    else if (!concerned) {
      findings.status('GET /decisions/:id', decision, [404]);
      for (const name of ITEMS) findings.noText(viewer, 'GET /decisions/:id', decision.body, name);
    }
    expect(findings.problems).toEqual([]);
  });
});

describe('over Socket.IO', () => {
  const sockets = new Map<Viewer, Socket>();
  const received = new Map<Viewer, { event: string; post: { id: number; status: string; bodyHtml: string | null; deleted: boolean } }[]>();

  beforeAll(async () => {
    for (const viewer of VIEWERS) {
      const socket = await clients.open(server.url, cookieOf(viewer));
      const events: { event: string; post: never }[] = [];
      for (const event of ['post:created', 'post:updated']) socket.on(event, (payload: { post: never }) => events.push({ event, post: payload.post }));
      sockets.set(viewer, socket);
      received.set(viewer, events);
    }
  });

  it.each(VIEWERS)('thread:join of the held thread is refused exactly like an unknown thread, unless %s may read it', async (viewer) => {
    const socket = sockets.get(viewer)!;
    const unknown = await emitWithAck(socket, 'thread:join', { threadId: UNKNOWN_ID, lastSeenPosition: 1 });
    const held = await emitWithAck(socket, 'thread:join', { threadId: scenario.threads.held, lastSeenPosition: 1 });
    const text = JSON.stringify(held);
    if (readsHeld(viewer)) {
      expect(held).toMatchObject({ ok: true });
      expect(text).toContain(scenario.items.heldThreadReply.markers[0]);
    } else {
      expect(unknown.ok).toBe(false);
      expect(held).toEqual(unknown);
      expect(leaked(text, scenario.items.heldThreadReply)).toEqual([]);
      expect(leaked(text, scenario.items.heldThread)).toEqual([]);
    }
  });

  it.each(VIEWERS)("the catch-up of the open thread holds no held post of others and no hidden or deleted text (%s)", async (viewer) => {
    const reply = await emitWithAck(sockets.get(viewer)!, 'thread:join', { threadId: scenario.threads.open, lastSeenPosition: 1 });
    expect(reply).toMatchObject({ ok: true });
    const text = JSON.stringify(reply);
    expect(text).toContain(scenario.published.reply.markers[0]);
    for (const name of ['hidden', 'deleted'] as const) expect(leaked(text, scenario.items[name]), name).toEqual([]);
    if (!readsHeld(viewer)) expect(leaked(text, scenario.items.heldReply)).toEqual([]);
    const missed = (reply as Ack & { missed: { status: string; authorId: string | null }[] }).missed;
    if (viewer !== 'author' && !moderates(viewer)) expect(missed.filter((p) => p.status === 'held')).toEqual([]);
  });

  it('live post:created and post:updated carry nothing held to those who may not read it, and no hidden text to anyone', async () => {
    // Every socket has tried to join both threads above; what follows happens while they sit in the rooms they got into.
    const words = { held: marker('liveheld'), heldEdit: marker('liveheldedit'), heldThread: marker('liveheldthread'), hidden: marker('livehidden'), sync: marker('livesync') };
    const heldId = await happenings.heldReplyInOpenThread(scenario, words.held);
    await happenings.editHeldReply(scenario, heldId, words.heldEdit);
    await happenings.moderatorReplyInHeldThread(scenario, words.heldThread);
    const hiddenId = await happenings.publishThenHide(scenario, words.hidden);
    // Events are emitted in commit order on one connection: once a socket has this one, it has all of the above.
    await happenings.publishedReply(scenario, words.sync);
    for (const viewer of VIEWERS) {
      await expect.poll(() => JSON.stringify(received.get(viewer)), { timeout: 10_000 }).toContain(words.sync);
    }

    const problems: string[] = [];
    for (const viewer of VIEWERS) {
      const events = received.get(viewer)!;
      const text = JSON.stringify(events);
      if (!readsHeld(viewer)) {
        for (const word of [words.held, words.heldEdit, words.heldThread]) if (text.includes(word)) problems.push(`${viewer} received ${word}`);
        for (const name of HELD) if (leaked(text, scenario.items[name]).length) problems.push(`${viewer} received the text of ${name}`);
        if (events.some((e) => e.post.status === 'held')) problems.push(`${viewer} received a held post`);
      } else if (!text.includes(words.heldThread)) {
        problems.push(`${viewer} (a reader of the held thread) did not receive its new reply live`);
      }
      for (const { event, post } of events) {
        if ((post.status === 'hidden' || post.deleted) && post.bodyHtml !== null) problems.push(`${viewer}: ${event} of hidden/deleted post ${post.id} carries a body`);
      }
      for (const name of REMOVED) if (leaked(text, scenario.items[name]).length) problems.push(`${viewer} received the text of ${name}`);
      if (!events.some((e) => e.post.id === hiddenId && e.post.status === 'hidden')) problems.push(`${viewer} was not told live that post ${hiddenId} was hidden`);
    }
    expect(problems).toEqual([]);
  });

  it.each(VIEWERS)('forum:join: an unknown forum is refused; a forum of another town answers as its page does (%s)', async (viewer) => {
    const socket = sockets.get(viewer)!;
    expect(await emitWithAck(socket, 'forum:join', { forumId: UNKNOWN_ID })).toMatchObject({ ok: false });
    const page = await get(server.url, `/towns/${scenario.townB.slug}/forums/${scenario.forums.talkB.slug}`, { cookie: cookieOf(viewer) });
    const joined = await emitWithAck(socket, 'forum:join', { forumId: scenario.forums.talkB.id });
    expect(joined.ok).toBe(page.status === 200);
  });

  it.each(VIEWERS)('queue:join of town A is for its moderators only (%s)', async (viewer) => {
    const reply = await emitWithAck(sockets.get(viewer)!, 'queue:join', { townId: scenario.townA.id });
    expect(reply.ok).toBe(moderates(viewer));
  });
});

describe('quoting', () => {
  const cases: { label: string; quoted: () => Item }[] = [
    { label: 'a hidden post', quoted: () => scenario.items.hidden },
    { label: "someone else's held post", quoted: () => scenario.items.heldReply },
    { label: 'a deleted post', quoted: () => scenario.items.deleted },
    { label: 'a post in another thread', quoted: () => scenario.published.secondThread },
    { label: 'a post inside a held thread', quoted: () => scenario.items.heldThreadReply },
    { label: 'a post in another town', quoted: () => scenario.published.otherTown },
  ];

  it.each(cases)('a reply quoting $label copies none of its text and gets a clear 4xx next to the composer', async ({ quoted }) => {
    const item = quoted();
    const own = marker('quotingreply');
    const storedBefore = new Map<string, number[]>();
    for (const word of item.markers) storedBefore.set(word, await storedPostsContaining(word));
    const answer = await post(
      server.url,
      townPath(`/threads/${scenario.threads.open}`),
      { intent: 'reply', bodyText: `Ich zitiere ${own}`, language: 'de', quotedPostId: String(item.postId) },
      { cookie: cookieOf('member') },
    );
    expect(answer.status, describeAnswer(answer)).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).toMatch(/id="composer-error"|role="alert"/);
    expect(leaked(answer.body, item)).toEqual([]);
    // Nothing stored, and nothing shown: the new reply (if any) holds none of the quoted words.
    for (const word of item.markers) expect(await storedPostsContaining(word), word).toEqual(storedBefore.get(word));
    const page = await get(server.url, townPath(`/threads/${scenario.threads.open}`), { cookie: null });
    expect(leaked(page.body, item)).toEqual([]);
  });
});

describe('the join link of a dialogue event', () => {
  /** The event's managers; everyone else sees it only once registered (and confirmed). */
  const manages = (viewer: Viewer) => viewer === 'organiser' || viewer === 'admin';
  const eventPath = () => townPath(`/events/${scenario.event.id}`);
  // Calendar files fold long lines (RFC 5545 §3.1): unfold before looking for the link.
  const unfolded = (answer: Answer) => answer.body.replace(/\r\n[ \t]/g, '');

  it.each(VIEWERS)('reaches %s only as an organiser — not on the page, the calendar file, the feed or the lists', async (viewer) => {
    for (const path of [eventPath(), `${eventPath()}/calendar.ics`, townPath('/events.ics'), townPath('/events'), townPath('/events/calendar'), `${eventPath()}/questions`, '/network/events.ics']) {
      const answer = await get(server.url, path, { cookie: cookieOf(viewer) });
      expect(answer.status, `${viewer} ${path}: ${describeAnswer(answer)}`).toBeLessThan(500);
      const shown = unfolded(answer).includes(scenario.event.joinUrl);
      const allowed = manages(viewer) && (path === eventPath() || path.endsWith('/calendar.ics'));
      expect(shown, `${viewer} ${path}`).toBe(allowed);
    }
  });

  it.each(VIEWERS)('Q&A for %s: a held or hidden question shows only to its author and the Q&A’s moderators; only a shown one can be reported', async (viewer) => {
    const { questions } = scenario.event;
    // The Q&A's moderators: the event's organisers (organiser, admin) and the town's moderators.
    const moderatesQa = viewer === 'organiser' || viewer === 'admin' || viewer === 'moderator';
    const findings: string[] = [];
    const page = await get(server.url, `${eventPath()}/questions`, { cookie: cookieOf(viewer) });
    if (page.status !== 200) findings.push(`Q&A page: ${describeAnswer(page)}`);
    const shows = { open: true, held: moderatesQa || viewer === 'author', hidden: moderatesQa };
    for (const kind of ['open', 'held', 'hidden'] as const) {
      if (page.body.includes(questions[kind].marker) !== shows[kind]) findings.push(`Q&A page ${shows[kind] ? 'lacks' : 'shows'} the ${kind} question`);
      const path = `${eventPath()}/questions/${questions[kind].id}/report`;
      const form = await get(server.url, path, { cookie: cookieOf(viewer) });
      const sent = await post(server.url, path, { intent: 'review', target: 'question', category: 'spam', explanation: '' }, { cookie: cookieOf(viewer) });
      for (const [what, answer] of [['GET', form], ['POST', sent]] as const) {
        if (kind === 'open' ? answer.status >= 300 : answer.status !== 404) findings.push(`${what} report of the ${kind} question: ${describeAnswer(answer)}`);
        if (kind !== 'open' && answer.body.includes(questions[kind].marker)) findings.push(`${what} report of the ${kind} question shows its text`);
      }
    }
    // Another town's address for the same event does not exist.
    const elsewhere = await get(server.url, `/towns/${scenario.townB.slug}/events/${scenario.event.id}/questions/${questions.open.id}/report`, { cookie: cookieOf(viewer) });
    if (elsewhere.status !== 404) findings.push(`report under town B: ${describeAnswer(elsewhere)}`);
    expect(findings).toEqual([]);
  });

  it('reaches a member once registered, in the page and in their calendar file', async () => {
    const cookie = cookieOf('author');
    const before = await get(server.url, eventPath(), { cookie });
    expect(before.body.includes(scenario.event.joinUrl)).toBe(false);
    const answer = await post(server.url, eventPath(), { intent: 'register' }, { cookie });
    expect(answer.status, describeAnswer(answer)).toBe(302);
    expect((await get(server.url, eventPath(), { cookie })).body).toContain(scenario.event.joinUrl);
    expect(unfolded(await get(server.url, `${eventPath()}/calendar.ics`, { cookie }))).toContain(scenario.event.joinUrl);
    // The public feed still never carries it.
    expect(unfolded(await get(server.url, townPath('/events.ics'), { cookie }))).not.toContain(scenario.event.joinUrl);
  });
});
