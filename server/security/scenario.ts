/**
 * The one place where the security tests set up their world through the domain: two towns, a person for
 * every kind of viewer (each with a real session cookie), forums and threads, and the items whose readability
 * the tests check — a thread held for review, a held reply, a published reply inside the held thread, a post
 * hidden by a moderator's decision and a deleted post — each carrying unique marker words, so that
 * `.includes(marker)` on any answer is conclusive. When domain signatures change, only this file changes.
 *
 * Everything else in server/security talks to the running server over HTTP and Socket.IO only.
 */
import crypto from 'node:crypto';
import { sql } from '#app/database/client.server';
import { createSession } from '#app/domain/auth/sessions.server';
import type { TownRole } from '#app/domain/auth/permissions';
import { createForum, getForum, type ForumView as Forum } from '#app/domain/forums/forums.server';
import { createReply, createThread, deletePost, editPost } from '#app/domain/posting/posting.server';
import { fileReport } from '#app/domain/moderation/reports.server';
import { listQueue } from '#app/domain/moderation/cases.server';
import { decide } from '#app/domain/moderation/decisions.server';
import { fileAppeal } from '#app/domain/moderation/appeals.server';
import { saveModerationSettings } from '#app/domain/moderation/settings.server';
import { addWatchedWord } from '#app/domain/moderation/word-lists.server';
import { inviteStaff } from '#app/domain/municipalities/members.server';
import { createEvent, publishEvent } from '#app/domain/dialogues/events.server';
import { askQuestion, listQuestions, moderateQuestion } from '#app/domain/dialogues/questions.server';
import { recordIncident } from '#app/domain/incidents/incidents.server';
import { buildDataExport, requestExport } from '#app/domain/personal-data/export.server';
import { insertNextVersion } from '#app/domain/selfcheck/templates.server';
import { closeRound, inviteRespondents, openRound } from '#app/domain/selfcheck/rounds.server';
import { saveMyAnswers } from '#app/domain/selfcheck/answers.server';
import { weltoffeneKommuneTemplate } from '../../db/seed-data/selfcheck-template';
import { eventInput } from '../../db/testing/dialogue-fixtures';
import { actorOf, createTownDirectly, createUser, grantRole, linkFromMail, makeNetworkTeam, testClient, tokenOf } from '../../db/testing/factories';

/** Every kind of viewer the readability rule distinguishes; `guest` has no session. */
export const VIEWERS = ['guest', 'outsider', 'member', 'moderator', 'organiser', 'official', 'admin', 'network', 'author'] as const;
export type Viewer = (typeof VIEWERS)[number];

export interface Person {
  userId: string;
  email: string;
  password: string;
  displayName: string;
  /** `weltoffen_session=…`, ready for a Cookie header (or a socket's extraHeaders). */
  cookie: string;
}

/** Things to read, each with the words that only it contains. */
export interface Item {
  postId: number;
  threadId: number;
  townSlug: string;
  /** Every marker word of the item's text (current and earlier versions, and the title of a thread's first post). */
  markers: string[];
}

export interface Scenario {
  townA: { id: number; slug: string };
  townB: { id: number; slug: string };
  forums: { talk: Forum; premoderated: Forum; talkB: Forum };
  /** The session of each viewer; null for the guest. */
  cookies: Record<Viewer, string | null>;
  people: Record<Exclude<Viewer, 'guest'>, Person> & { reporter: Person };
  threads: {
    /** A normal thread of town A (started by `member`), holding the held reply, the hidden and the deleted post. */
    open: number;
    /** Another normal thread of town A. */
    second: number;
    /** A thread of town B. */
    otherTown: number;
    /** The thread `author` started in the pre-moderated forum: held for review. */
    held: number;
  };
  items: {
    /** The opening post of the held thread (its title's marker included). */
    heldThread: Item;
    /** A reply by `author` in the open thread, held by a watched word. */
    heldReply: Item;
    /** A moderator's (published) reply inside the held thread. */
    heldThreadReply: Item;
    /** A reply by `author`, edited once, then hidden by a moderator's decision. */
    hidden: Item;
    /** A reply by `author`, edited once, then deleted by them. */
    deleted: Item;
  };
  /** Published posts anyone may read, for positive controls. */
  published: { openingPost: Item; reply: Item; secondThread: Item; otherTown: Item };
  /** The open moderation case of the held thread. */
  heldCaseId: number;
  /** The decision that hid `items.hidden`, and `author`'s appeal against it. */
  hideDecisionId: number;
  appealId: number;
  /** An open invitation link token of town A (role organiser). */
  invitationToken: string;
  /** The watched word (action hold) of town A: a text with it is held for review. */
  holdWord: string;
  /** An incident in the log of town A's official, readable by them only; its description holds `marker`. */
  incident: { id: number; marker: string };
  /**
   * Town A's self-check: a closed round `member` and `author` answered (each with a comment holding a marker
   * of their own), and an open round only `author` was invited to.
   */
  selfcheck: { closedRoundId: number; openRoundId: number; memberComment: string; authorComment: string };
  /** A ready copy of `member`'s data (personal data export). */
  exportId: number;
  /**
   * A published hybrid dialogue event of town A (its join link is a marker), with questions for registrants,
   * and Q&A questions by `author`: one open, one held by a watched word, one hidden by the organiser (their
   * text a marker each).
   */
  event: { id: number; joinUrl: string; questions: Record<'open' | 'held' | 'hidden', { id: number; marker: string }> };
}

/** A word found nowhere else: a label and random letters (letters only, so search indexes it as one word). */
export function marker(label: string): string {
  const letters = [...crypto.randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${label}${letters}`;
}

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const REASONS = { ground: 'rules.respect' as const, facts: 'The post insults another resident by name.', automated: false };

/** A fresh session of a person (no password check, so it costs one insert). */
export async function newSessionCookie(userId: string): Promise<string> {
  return (await createSession(userId, false)).cookie.split(';')[0];
}

/** A verified account with no role anywhere, and a session. */
export async function createPerson(label: string): Promise<Person> {
  const created = await createUser({ label });
  return { ...created, displayName: label, cookie: await newSessionCookie(created.userId) };
}

const item = (townSlug: string, threadId: number, postId: number, markers: string[]): Item => ({ postId, threadId, townSlug, markers });

/** Town A ("sec-a") with every viewer and item, town B ("sec-b") with its own member and thread. */
export async function createScenario(prefix = 'sec'): Promise<Scenario> {
  const townA = { id: await createTownDirectly(`${prefix}-a`, `${prefix} Town A`), slug: `${prefix}-a` };
  const townB = { id: await createTownDirectly(`${prefix}-b`, `${prefix} Town B`), slug: `${prefix}-b` };
  await sql`update municipalities set posts_per_window = 100000 where id in (${townA.id}, ${townB.id})`;

  const labels = ['outsider', 'member', 'moderator', 'organiser', 'official', 'admin', 'network', 'author', 'reporter'] as const;
  const created = await Promise.all(labels.map((label) => createPerson(label)));
  const people = Object.fromEntries(labels.map((label, i) => [label, created[i]])) as Scenario['people'];
  const roles: [keyof Scenario['people'], number, TownRole][] = [
    ['outsider', townB.id, 'member'],
    ['member', townA.id, 'member'],
    ['moderator', townA.id, 'moderator'],
    ['organiser', townA.id, 'organiser'],
    ['official', townA.id, 'official'],
    ['admin', townA.id, 'admin'],
    ['author', townA.id, 'member'],
    ['reporter', townA.id, 'member'],
  ];
  for (const [who, townId, role] of roles) await grantRole(people[who].userId, townId, role);
  await makeNetworkTeam(people.network.userId);

  const actor = async (who: keyof Scenario['people']) => actorOf(people[who].userId);
  const network = await actor('network');
  const texts = { description: '', staffOnlyPosting: false, nameTranslations: {}, descriptionTranslations: {} };
  await createForum(network, { townId: townA.id, slug: 'talk', name: 'Talk', position: 0, ...texts });
  await createForum(network, { townId: townA.id, slug: 'reviewed', name: 'Reviewed', position: 1, ...texts });
  await createForum(network, { townId: townB.id, slug: 'talk', name: 'Talk B', position: 0, ...texts });
  const forumOf = (townId: number, slug: string) => getForum(null, { townId, slug, language: 'de' });
  const forums = { talk: await forumOf(townA.id, 'talk'), premoderated: await forumOf(townA.id, 'reviewed'), talkB: await forumOf(townB.id, 'talk') };
  const moderator = await actor('moderator');
  await saveModerationSettings(moderator, { townId: townA.id, reviewFirstPosts: 0, premoderatedForums: [forums.premoderated.id] });
  const holdWord = 'haltewortzurpruefung';
  await addWatchedWord(moderator, { townId: townA.id, pattern: holdWord, action: 'hold' });

  const author = await actor('author');
  const member = await actor('member');
  const reporter = await actor('reporter');
  const words = (text: string) => ({ body: doc(text), language: 'de' });

  // Published posts for positive controls.
  const openingMarker = marker('publicopening');
  const open = await createThread(member, { townId: townA.id, forumId: forums.talk.id, title: `Open thread ${marker('opentitle')}`, ...words(`Das ist öffentlich ${openingMarker}.`) });
  const replyMarker = marker('publicreply');
  const reply = await createReply(reporter, { townId: townA.id, threadId: open.threadId, ...words(`Eine öffentliche Antwort ${replyMarker}.`) });
  const secondMarker = marker('secondthread');
  const second = await createThread(member, { townId: townA.id, forumId: forums.talk.id, title: 'Second thread', ...words(`Noch ein Thema ${secondMarker}.`) });
  const otherTownMarker = marker('othertown');
  const otherTown = await createThread(await actor('outsider'), { townId: townB.id, forumId: forums.talkB.id, title: 'Thread in town B', ...words(`Aus der anderen Stadt ${otherTownMarker}.`) });

  // Hidden: published, edited once (the earlier version is kept in the history), reported, hidden by decision.
  const hiddenFirst = marker('hiddenfirst');
  const hiddenNow = marker('hiddennow');
  const hidden = await createReply(author, { townId: townA.id, threadId: open.threadId, ...words(`Ein Beitrag ${hiddenFirst}.`) });
  await editPost(author, { townId: townA.id, postId: hidden.postId, ...words(`Ein beleidigender Beitrag ${hiddenNow}.`) });
  await fileReport(reporter, { townId: townA.id, postId: hidden.postId, target: 'post', category: 'insult', explanation: 'Insults a neighbour.', ...testClient() });
  const hiddenCase = (await listQueue(moderator, { townId: townA.id })).find((c) => c.postId === hidden.postId)!;
  const { decisionId: hideDecisionId } = await decide(moderator, { townId: townA.id, caseId: hiddenCase.id, action: 'hide', ...REASONS });
  const { appealId } = await fileAppeal(author, { decisionId: hideDecisionId, text: 'I did not insult anyone, please look again.' });

  // Deleted: published, edited once, deleted by its author.
  const deletedFirst = marker('deletedfirst');
  const deletedNow = marker('deletednow');
  const deleted = await createReply(author, { townId: townA.id, threadId: open.threadId, ...words(`Später gelöscht ${deletedFirst}.`) });
  await editPost(author, { townId: townA.id, postId: deleted.postId, ...words(`Später gelöscht, geändert ${deletedNow}.`) });
  await deletePost(author, { townId: townA.id, postId: deleted.postId });

  // Held reply in the open thread (a holding watched word).
  const heldReplyMarker = marker('heldreply');
  const heldReply = await createReply(author, { townId: townA.id, threadId: open.threadId, ...words(`Wartet auf Prüfung ${heldReplyMarker} ${holdWord}.`) });

  // A thread held for review (pre-moderated forum), and a moderator's published reply inside it.
  const heldTitle = marker('heldtitle');
  const heldOpening = marker('heldopening');
  const held = await createThread(author, { townId: townA.id, forumId: forums.premoderated.id, title: `Held ${heldTitle}`, ...words(`Neues Thema in Prüfung ${heldOpening}.`) });
  const heldCase = (await listQueue(moderator, { townId: townA.id })).find((c) => c.postId === held.postId)!;
  const heldThreadReplyMarker = marker('heldthreadreply');
  const heldThreadReply = await createReply(moderator, { townId: townA.id, threadId: held.threadId, ...words(`Antwort der Moderation ${heldThreadReplyMarker}.`) });

  const admin = await actor('admin');
  const inviteeEmail = `invitee-${crypto.randomBytes(4).toString('hex')}@example.org`;
  await inviteStaff(admin, { townId: townA.id, email: inviteeEmail, role: 'organiser' });
  const invitationToken = tokenOf(await linkFromMail(inviteeEmail, 'invitations'));

  const incidentMarker = marker('incident');
  const { incidentId } = await recordIncident(await actor('official'), {
    townId: townA.id, occurredAt: null, foundAt: '2026-03-01T10:00', foundBy: 'Security scenario', channel: 'email', kind: 'threat', severity: 'high',
    description: `Drohung per E-Mail ${incidentMarker}`, contentUrls: [], author: null, authorProfileUrl: null,
  });
  const template = await insertNextVersion(sql, weltoffeneKommuneTemplate, null);
  const firstQuestion = weltoffeneKommuneTemplate.dimensions[0].questions[0].key;
  const memberComment = marker('selfcheckmember');
  const authorComment = marker('selfcheckauthor');
  const closedRoundId = await openRound(admin, { townId: townA.id, title: 'Closed round', templateId: template.id });
  await inviteRespondents(admin, { townId: townA.id, roundId: closedRoundId, userIds: [people.member.userId, people.author.userId] });
  await saveMyAnswers(member, { townId: townA.id, roundId: closedRoundId, answers: { [firstQuestion]: { value: '2', comment: memberComment } } });
  await saveMyAnswers(author, { townId: townA.id, roundId: closedRoundId, answers: { [firstQuestion]: { value: '4', comment: authorComment } } });
  await closeRound(admin, { townId: townA.id, roundId: closedRoundId });
  const openRoundId = await openRound(admin, { townId: townA.id, title: 'Open round', templateId: template.id });
  await inviteRespondents(admin, { townId: townA.id, roundId: openRoundId, userIds: [people.author.userId] });
  await saveMyAnswers(author, { townId: townA.id, roundId: openRoundId, answers: { [firstQuestion]: { value: '3', comment: authorComment } } });
  // A copy of `member`'s data, ready to download (by `member` only).
  const { exportId } = await requestExport(member);
  await buildDataExport({ exportId });
  // A dialogue event of town A: hybrid, with a join link only registrants may see.
  const organiser = await actor('organiser');
  const joinUrl = `https://meet.example.org/${marker('joinlink')}`;
  const { id: eventId } = await createEvent(organiser, { townId: townA.id, ...eventInput({ mode: 'hybrid', joinUrl, capacity: 5, guestsAllowed: true, questions: 'Brauchen Sie Dolmetschung?' }) });
  await publishEvent(organiser, { townId: townA.id, eventId });
  const qa = { townId: townA.id, eventId };
  const questionMarkers = { open: marker('openquestion'), held: marker('heldquestion'), hidden: marker('hiddenquestion') };
  await addWatchedWord(moderator, { townId: townA.id, pattern: questionMarkers.held, action: 'hold' });
  for (const kind of ['open', 'held', 'hidden'] as const) await askQuestion(author, { ...qa, body: `Frage ${questionMarkers[kind]}`, anonymous: false });
  const asked = (await listQuestions(organiser, qa)).questions;
  const questionOf = (kind: 'open' | 'held' | 'hidden') => ({ id: asked.find((q) => q.body.includes(questionMarkers[kind]))!.id, marker: questionMarkers[kind] });
  await moderateQuestion(organiser, { ...qa, questionId: questionOf('hidden').id, status: 'hidden' });

  const a = townA.slug;
  return {
    townA,
    townB,
    forums,
    cookies: { guest: null, ...Object.fromEntries(VIEWERS.filter((v) => v !== 'guest').map((v) => [v, people[v as Exclude<Viewer, 'guest'>].cookie])) } as Record<Viewer, string | null>,
    people,
    threads: { open: open.threadId, second: second.threadId, otherTown: otherTown.threadId, held: held.threadId },
    items: {
      heldThread: item(a, held.threadId, held.postId, [heldTitle, heldOpening]),
      heldReply: item(a, open.threadId, heldReply.postId, [heldReplyMarker]),
      heldThreadReply: item(a, held.threadId, heldThreadReply.postId, [heldThreadReplyMarker]),
      hidden: item(a, open.threadId, hidden.postId, [hiddenFirst, hiddenNow]),
      deleted: item(a, open.threadId, deleted.postId, [deletedFirst, deletedNow]),
    },
    published: {
      openingPost: item(a, open.threadId, open.postId, [openingMarker]),
      reply: item(a, open.threadId, reply.postId, [replyMarker]),
      secondThread: item(a, second.threadId, second.postId, [secondMarker]),
      otherTown: item(townB.slug, otherTown.threadId, otherTown.postId, [otherTownMarker]),
    },
    heldCaseId: heldCase.id,
    hideDecisionId,
    appealId,
    invitationToken,
    holdWord,
    incident: { id: incidentId, marker: incidentMarker },
    selfcheck: { closedRoundId, openRoundId, memberComment, authorComment },
    exportId,
    event: { id: eventId, joinUrl, questions: { open: questionOf('open'), held: questionOf('held'), hidden: questionOf('hidden') } },
  };
}

/** `member` is a member of town A again (a hostile request may have made them leave or take a role), with a new session. */
export async function restoreMember(scenario: Scenario): Promise<string> {
  await grantRole(scenario.people.member.userId, scenario.townA.id, 'member');
  return newSessionCookie(scenario.people.member.userId);
}

/** Ids of the stored posts whose text (body, rendered HTML or plain text) contains the word. */
export async function storedPostsContaining(word: string): Promise<number[]> {
  const pattern = `%${word}%`;
  const rows = await sql`select id from posts where body::text like ${pattern} or body_html like ${pattern} or body_text like ${pattern} order by id`;
  return rows.map((row) => Number(row.id));
}

/** What happens in town A while sockets watch (the live part of the visibility test), each through the domain. */
export const happenings = {
  /** `author` writes a reply that is held for review; returns its id. */
  async heldReplyInOpenThread(scenario: Scenario, word: string): Promise<number> {
    const { postId } = await createReply(await actorOf(scenario.people.author.userId), {
      townId: scenario.townA.id,
      threadId: scenario.threads.open,
      body: doc(`Noch eine Antwort in Prüfung ${word} ${scenario.holdWord}.`),
      language: 'de',
    });
    return postId;
  },
  /** `author` edits their held reply. */
  async editHeldReply(scenario: Scenario, postId: number, word: string): Promise<void> {
    await editPost(await actorOf(scenario.people.author.userId), { townId: scenario.townA.id, postId, body: doc(`Geändert, noch in Prüfung ${word} ${scenario.holdWord}.`), language: 'de' });
  },
  /** The moderator replies inside the held thread (published at once: moderators' posts are not held). */
  async moderatorReplyInHeldThread(scenario: Scenario, word: string): Promise<number> {
    const { postId } = await createReply(await actorOf(scenario.people.moderator.userId), { townId: scenario.townA.id, threadId: scenario.threads.held, body: doc(`Moderation schreibt ${word}.`), language: 'de' });
    return postId;
  },
  /** `author` publishes a reply; `reporter` reports it and the moderator hides it. Returns its id. */
  async publishThenHide(scenario: Scenario, word: string): Promise<number> {
    const author = await actorOf(scenario.people.author.userId);
    const moderator = await actorOf(scenario.people.moderator.userId);
    const { postId } = await createReply(author, { townId: scenario.townA.id, threadId: scenario.threads.open, body: doc(`Gleich versteckt ${word}.`), language: 'de' });
    await fileReport(await actorOf(scenario.people.reporter.userId), { townId: scenario.townA.id, postId, target: 'post', category: 'insult', explanation: '', ...testClient() });
    const found = (await listQueue(moderator, { townId: scenario.townA.id })).find((c) => c.postId === postId)!;
    await decide(moderator, { townId: scenario.townA.id, caseId: found.id, action: 'hide', ...REASONS });
    return postId;
  },
  /** `member` publishes a reply in the open thread: once a socket has it, it has everything emitted before. */
  async publishedReply(scenario: Scenario, word: string): Promise<number> {
    const { postId } = await createReply(await actorOf(scenario.people.member.userId), { townId: scenario.townA.id, threadId: scenario.threads.open, body: doc(`Zum Abgleich ${word}.`), language: 'de' });
    return postId;
  },
};
