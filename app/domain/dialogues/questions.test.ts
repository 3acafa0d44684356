/**
 * Live Q&A against a real PostgreSQL: who may ask, vote and moderate (every role), anonymity towards other
 * participants, one live question at a time, and the town's watched words (at a network event, the asker's towns').
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#app/domain/auth/permissions';
import { addWatchedWord } from '#app/domain/moderation/word-lists.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { eventInput } from '../../../db/testing/dialogue-fixtures';
import { createEvent, publishEvent } from './events.server';
import { askQuestion, listQuestions, liveQuestion, moderateQuestion, toggleVote } from './questions.server';

let town: number;
let otherTown: number;
const people: Record<string, Actor> = {};
let eventId: number;

beforeAll(async () => {
  town = await createTownDirectly('qa-town');
  otherTown = await createTownDirectly('qa-other');
  for (const [label, townId, role] of [
    ['member', town, 'member'],
    ['member2', town, 'member'],
    ['moderator', town, 'moderator'],
    ['organiser', town, 'organiser'],
    ['official', town, 'official'],
    ['admin', town, 'admin'],
    ['outsider', otherTown, 'member'],
    ['organiserB', otherTown, 'organiser'],
    ['network', null, null],
  ] as const) {
    const person = await createUser({ label });
    if (townId && role) await grantRole(person.userId, townId, role);
    else await makeNetworkTeam(person.userId);
    people[label] = await actorOf(person.userId);
  }
  ({ id: eventId } = await createEvent(people.organiser, { townId: town, ...eventInput() }));
  await publishEvent(people.organiser, { townId: town, eventId });
});

const at = { townId: 0, eventId: 0 };
const where = () => ({ ...at, townId: town, eventId });

describe('asking and voting', () => {
  it('members of the town ask and upvote; others read but may not ask; anonymity hides the name from participants only', async () => {
    await askQuestion(people.member, { ...where(), body: 'Wann wird der Park fertig?', anonymous: false });
    await askQuestion(people.member2, { ...where(), body: 'Gibt es Bänke im Schatten?', anonymous: true });
    for (const who of [people.outsider, people.organiserB]) {
      await expect(askQuestion(who, { ...where(), body: 'Von außen', anonymous: false })).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(askQuestion(null, { ...where(), body: 'Gast', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(listQuestions(people.outsider, { townId: otherTown, eventId })).rejects.toMatchObject({ code: 'not_found' });

    const asGuest = await listQuestions(null, where());
    expect(asGuest.canAsk).toBe(false);
    expect(asGuest.questions.map((q) => q.body)).toEqual(['Wann wird der Park fertig?', 'Gibt es Bänke im Schatten?']);
    expect(asGuest.questions.find((q) => q.anonymous)!.authorName).toBeNull();
    expect(JSON.stringify(await listQuestions(people.member, where()))).not.toContain('member2');
    // Moderators still see who asked.
    expect((await listQuestions(people.moderator, where())).questions.find((q) => q.anonymous)!.authorName).toBe('member2');

    const shade = asGuest.questions.find((q) => q.anonymous)!.id;
    await toggleVote(people.member, { ...where(), questionId: shade });
    await toggleVote(people.official, { ...where(), questionId: shade });
    const voted = await listQuestions(people.member, where());
    expect(voted.questions[0]).toMatchObject({ id: shade, votes: 2, votedByMe: true });
    await toggleVote(people.member, { ...where(), questionId: shade });
    expect((await listQuestions(people.member, where())).questions.find((q) => q.id === shade)).toMatchObject({ votes: 1, votedByMe: false });
    await expect(toggleVote(people.outsider, { ...where(), questionId: shade })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('moderating', () => {
  it('organisers, admins and the town’s moderators mark live, answered and hidden; one live question at a time', async () => {
    const { questions } = await listQuestions(people.member, where());
    const first = questions.find((q) => !q.anonymous)!;
    const second = questions.find((q) => q.anonymous)!;
    for (const who of [people.member, people.official, people.organiserB, people.outsider, people.network]) {
      await expect(moderateQuestion(who, { ...where(), questionId: first.id, status: 'live' })).rejects.toMatchObject({ code: 'forbidden' });
    }
    await moderateQuestion(people.moderator, { ...where(), questionId: first.id, status: 'live' });
    expect(await liveQuestion(null, where())).toMatchObject({ body: first.body });
    await moderateQuestion(people.organiser, { ...where(), questionId: second.id, status: 'live' });
    const after = await listQuestions(null, where());
    expect(after.questions.find((q) => q.id === first.id)!.status).toBe('answered');
    expect(after.questions[0]).toMatchObject({ id: second.id, status: 'live' });
    // The live question of an anonymous author shows no name on the big screen either.
    expect((await liveQuestion(null, where()))!.authorName).toBeNull();
    await moderateQuestion(people.admin, { ...where(), questionId: first.id, status: 'hidden' });
    expect((await listQuestions(people.member, where())).questions.map((q) => q.id)).not.toContain(first.id);
    expect((await listQuestions(people.moderator, where())).questions.find((q) => q.id === first.id)!.status).toBe('hidden');
  });

  it('watched words apply: a blocking word refuses, a holding one sends the question to the moderators first', async () => {
    await addWatchedWord(people.moderator, { townId: town, pattern: 'schwachkopf*', action: 'block' });
    await addWatchedWord(people.moderator, { townId: town, pattern: 'lügenpresse', action: 'hold' });
    await expect(askQuestion(people.member, { ...where(), body: 'Ihr Schwachköpfe!', anonymous: false })).rejects.toMatchObject({ i18nKey: 'moderation:errors.blockedWord' });
    expect(await askQuestion(people.member, { ...where(), body: 'Was sagt die Lügenpresse?', anonymous: false })).toEqual({ status: 'held' });
    expect((await listQuestions(people.member2, where())).questions.some((q) => q.body.includes('Lügenpresse'))).toBe(false);
    // The author sees their own held question; moderators see it and may let it through.
    expect((await listQuestions(people.member, where())).questions.find((q) => q.body.includes('Lügenpresse'))!.status).toBe('held');
    const held = (await listQuestions(people.moderator, where())).questions.find((q) => q.status === 'held')!;
    await moderateQuestion(people.moderator, { ...where(), questionId: held.id, status: 'open' });
    expect((await listQuestions(people.member2, where())).questions.some((q) => q.id === held.id)).toBe(true);
  });

  it('at a network event, the asker’s own towns’ watched words apply: nobody sidesteps their town’s list there', async () => {
    const { id } = await createEvent(people.network, { townId: null, ...eventInput({ title: 'Bilanz des Netzwerks' }) });
    await publishEvent(people.network, { townId: null, eventId: id });
    const network = { townId: null, eventId: id };
    // The words were added to qa-town's list above; member belongs to qa-town, outsider to qa-other.
    await expect(askQuestion(people.member, { ...network, body: 'Ihr Schwachköpfe!', anonymous: false })).rejects.toMatchObject({ i18nKey: 'moderation:errors.blockedWord' });
    expect(await askQuestion(people.member, { ...network, body: 'Und die Lügenpresse?', anonymous: false })).toEqual({ status: 'held' });
    expect(await askQuestion(people.outsider, { ...network, body: 'Und die Lügenpresse bei uns?', anonymous: false })).toEqual({ status: 'open' });
    expect(await askQuestion(people.member2, { ...network, body: 'Wie geht es weiter?', anonymous: false })).toEqual({ status: 'open' });
  });

  it('one person asks at most five questions a minute; moderators are not slowed down', async () => {
    const { id } = await createEvent(people.organiser, { townId: town, ...eventInput() });
    await publishEvent(people.organiser, { townId: town, eventId: id });
    for (let n = 0; n < 5; n++) await askQuestion(people.official, { townId: town, eventId: id, body: `Frage ${n}`, anonymous: false });
    await expect(askQuestion(people.official, { townId: town, eventId: id, body: 'Noch eine', anonymous: false })).rejects.toMatchObject({ code: 'throttled' });
    for (let n = 0; n < 6; n++) await askQuestion(people.moderator, { townId: town, eventId: id, body: `Moderation ${n}`, anonymous: false });
  });

  it('a draft’s questions do not exist for participants', async () => {
    const { id } = await createEvent(people.organiser, { townId: town, ...eventInput() });
    await expect(listQuestions(people.member, { townId: town, eventId: id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(askQuestion(people.member, { townId: town, eventId: id, body: 'x', anonymous: false })).rejects.toMatchObject({ code: 'not_found' });
  });
});
