/**
 * Live Q&A, against a real PostgreSQL: guests with a confirmed registration ask and vote where an event admits
 * them (and nowhere else), and a question is reported like a post: a case in the town's moderation queue,
 * a decision with reasons that hides it live, an appeal that brings it back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { addWatchedWord } from '#app/domain/moderation/word-lists.server';
import { fileQuestionReport, questionReportTarget } from '#app/domain/moderation/reports.server';
import { getCase, listQueue } from '#app/domain/moderation/cases.server';
import { decide, getDecision } from '#app/domain/moderation/decisions.server';
import { decideAppeal, fileAppeal } from '#app/domain/moderation/appeals.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { eventInput } from '../../../db/testing/dialogue-fixtures';
import { createEvent, publishEvent } from './events.server';
import { cancelByToken, confirmGuest, register, registerGuest } from './registrations.server';
import { askQuestion, guestQaAccess, listQuestions, toggleVote } from './questions.server';
import type { EventFormInput } from './schemas';

let town: number;
let otherTown: number;
const people: Record<string, Actor> = {};

const client = { ip: '192.0.2.70', language: 'de' };
const reasons = { ground: 'rules.respect' as const, facts: 'Beleidigt andere Teilnehmende.', automated: false };
const tokenIn = (body: string) => new URL(body.match(/https?:\/\/\S*\/registration\?token=\S+/)![0]).searchParams.get('token')!;

async function newEvent(overrides: Partial<EventFormInput> = {}, townId: number | null = town): Promise<number> {
  const organiser = townId === null ? people.network : people.organiser;
  const { id } = await createEvent(organiser, { townId, ...eventInput(overrides) });
  await publishEvent(organiser, { townId, eventId: id });
  return id;
}

/** A guest registers, confirms from the mail, and comes back with the link: the token of that link. */
async function confirmedGuest(eventId: number, email: string, name = 'Gast Gerda'): Promise<string> {
  await registerGuest(null, { townId: town, eventId, name, email, answers: {}, language: 'de', ip: `192.0.2.${Math.floor(Math.random() * 200) + 1}` });
  const [mail] = await sql`select body_text from mail_outbox where lower(recipient) = lower(${email}) order by id desc limit 1`;
  const token = tokenIn(mail.bodyText);
  await confirmGuest(null, { token });
  return token;
}

beforeAll(async () => {
  town = await createTownDirectly('qa-guest-town');
  otherTown = await createTownDirectly('qa-guest-other');
  for (const [label, townId, role] of [
    ['member', town, 'member'],
    ['asker', town, 'member'],
    ['moderator', town, 'moderator'],
    ['moderator2', town, 'moderator'],
    ['organiser', town, 'organiser'],
    ['outsider', otherTown, 'member'],
    ['moderatorB', otherTown, 'moderator'],
    ['network', null, null],
  ] as const) {
    const person = await createUser({ label: `qg-${label}` });
    if (townId && role) await grantRole(person.userId, townId, role);
    else await makeNetworkTeam(person.userId);
    people[label] = await actorOf(person.userId);
  }
});

describe('guests in the Q&A', () => {
  it('a confirmed guest asks and votes by their registration link, once per question; their name shows as a guest', async () => {
    const eventId = await newEvent({ guestsAllowed: true });
    const where = { townId: town, eventId };
    const token = await confirmedGuest(eventId, 'gerda@example.org');
    expect(await guestQaAccess(null, { token })).toEqual({ eventId, questionsPath: `/towns/qa-guest-town/events/${eventId}/questions` });

    // Without the link a guest reads but does not ask.
    expect((await listQuestions(null, where)).canAsk).toBe(false);
    await expect(askQuestion(null, { ...where, body: 'Ohne Link', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });

    const asGuest = { ...where, guestToken: token };
    expect(await listQuestions(null, asGuest)).toMatchObject({ canAsk: true, asGuest: true });
    expect(await askQuestion(null, { ...asGuest, body: 'Gibt es Gebärdensprache?', anonymous: false })).toEqual({ status: 'open' });
    await askQuestion(people.member, { ...where, body: 'Wo kann man parken?', anonymous: false });

    const seen = await listQuestions(people.member, where);
    const guestQuestion = seen.questions.find((q) => q.body === 'Gibt es Gebärdensprache?')!;
    expect(guestQuestion).toMatchObject({ authorName: 'Gast Gerda', byGuest: true, mine: false });
    expect((await listQuestions(null, asGuest)).questions.find((q) => q.id === guestQuestion.id)).toMatchObject({ mine: true });

    const parking = seen.questions.find((q) => q.body === 'Wo kann man parken?')!;
    await toggleVote(null, { ...asGuest, questionId: parking.id });
    expect((await listQuestions(null, asGuest)).questions.find((q) => q.id === parking.id)).toMatchObject({ votes: 1, votedByMe: true });
    // The same guest from a second browser is the same voter: the second vote takes the first back.
    await toggleVote(null, { ...asGuest, questionId: parking.id });
    expect((await listQuestions(people.member, where)).questions.find((q) => q.id === parking.id)).toMatchObject({ votes: 0 });
  });

  it('a guest link does not reach the Q&A of an event without guests, another event, a network event, or once cancelled or unconfirmed', async () => {
    const eventId = await newEvent({ guestsAllowed: true });
    const token = await confirmedGuest(eventId, 'hanna@example.org');
    const otherEvent = await newEvent({ guestsAllowed: true });
    await expect(askQuestion(null, { townId: town, eventId: otherEvent, guestToken: token, body: 'Anderswo', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });

    // Guests switched off after registering: the link no longer lets them ask.
    await sql`update dialogue_events set guests_allowed = false where id = ${eventId}`;
    await expect(askQuestion(null, { townId: town, eventId, guestToken: token, body: 'Noch da?', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await guestQaAccess(null, { token })).toBeNull();
    await sql`update dialogue_events set guests_allowed = true where id = ${eventId}`;

    // Unconfirmed: a registration whose mail link was never followed.
    await registerGuest(null, { townId: town, eventId, name: 'Ivo', email: 'ivo@example.org', answers: {}, language: 'de', ip: '192.0.2.81' });
    const [pendingMail] = await sql`select body_text from mail_outbox where recipient = 'ivo@example.org' order by id desc limit 1`;
    const pending = tokenIn(pendingMail.bodyText);
    await expect(askQuestion(null, { townId: town, eventId, guestToken: pending, body: 'Unbestätigt', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });

    // Cancelled.
    await cancelByToken(null, { token });
    await expect(askQuestion(null, { townId: town, eventId, guestToken: token, body: 'Storniert', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });
    // A member's own registration link is not a guest link.
    const memberEvent = await newEvent({ guestsAllowed: true });
    await register(people.member, { townId: town, eventId: memberEvent, answers: {}, language: 'de' });
    const [memberMail] = await sql`select body_text from mail_outbox where recipient = ${people.member.email} order by id desc limit 1`;
    const memberToken = tokenIn(memberMail.bodyText);
    expect(await guestQaAccess(null, { token: memberToken })).toBeNull();
    await expect(askQuestion(null, { townId: town, eventId: memberEvent, guestToken: memberToken, body: 'Mit fremdem Link', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });
    for (const junk of ['', 'x', 'a'.repeat(5000), '../../etc/passwd', "' or 1=1 --"]) {
      await expect(askQuestion(null, { townId: town, eventId, guestToken: junk, body: 'x', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });
    }

    // A network event has no town whose rules would apply to a guest.
    const networkEvent = await newEvent({ guestsAllowed: true }, null);
    await registerGuest(null, { townId: null, eventId: networkEvent, name: 'Jo', email: 'jo@example.org', answers: {}, language: 'de', ip: '192.0.2.82' });
    const [networkMail] = await sql`select body_text from mail_outbox where recipient = 'jo@example.org' order by id desc limit 1`;
    const networkToken = tokenIn(networkMail.bodyText);
    await confirmGuest(null, { token: networkToken });
    expect(await guestQaAccess(null, { token: networkToken })).toBeNull();
    await expect(askQuestion(null, { townId: null, eventId: networkEvent, guestToken: networkToken, body: 'Als Gast', anonymous: false })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('the town’s watched words apply to guests; a held question shows to its guest and the moderators only', async () => {
    const eventId = await newEvent({ guestsAllowed: true });
    await addWatchedWord(people.moderator, { townId: town, pattern: 'dummkopf*', action: 'block' });
    await addWatchedWord(people.moderator, { townId: town, pattern: 'systemling*', action: 'hold' });
    const guest = { townId: town, eventId, guestToken: await confirmedGuest(eventId, 'kai@example.org', 'Kai') };
    await expect(askQuestion(null, { ...guest, body: 'Ihr Dummköpfe', anonymous: false })).rejects.toMatchObject({ i18nKey: 'moderation:errors.blockedWord' });
    expect(await askQuestion(null, { ...guest, body: 'Alles Systemlinge?', anonymous: true })).toEqual({ status: 'held' });
    expect((await listQuestions(null, guest)).questions.find((q) => q.body === 'Alles Systemlinge?')).toMatchObject({ status: 'held', mine: true });
    expect((await listQuestions(people.member, { townId: town, eventId })).questions.some((q) => q.body === 'Alles Systemlinge?')).toBe(false);
    expect((await listQuestions(people.moderator, { townId: town, eventId })).questions.find((q) => q.body === 'Alles Systemlinge?')).toMatchObject({ authorName: 'Kai', byGuest: true });
    // Five a minute, as for members.
    for (let n = 0; n < 4; n++) await askQuestion(null, { ...guest, body: `Frage ${n}`, anonymous: false });
    await expect(askQuestion(null, { ...guest, body: 'Eine zu viel', anonymous: false })).rejects.toMatchObject({ code: 'throttled' });
  });
});

describe('reporting a question', () => {
  it('opens a case in the town’s queue; hiding it with reasons takes it down live; the asker’s appeal brings it back', async () => {
    const eventId = await newEvent();
    const where = { townId: town, eventId };
    await askQuestion(people.asker, { ...where, body: 'Der Bürgermeister ist ein Versager.', anonymous: false });
    const question = (await listQuestions(people.member, where)).questions.find((q) => q.body.startsWith('Der Bürgermeister'))!;
    expect(question.reportable).toBe(true);
    // Not one's own; moderators decide rather than report.
    expect((await listQuestions(people.asker, where)).questions.find((q) => q.id === question.id)!.reportable).toBe(false);
    expect((await listQuestions(people.moderator, where)).questions.find((q) => q.id === question.id)!.reportable).toBe(false);
    await expect(fileQuestionReport(people.asker, { ...where, questionId: question.id, target: 'question', category: 'insult', explanation: '', ...client })).rejects.toMatchObject({
      i18nKey: 'moderation:errors.ownContent',
    });
    // Another town's event does not have it: "not found".
    await expect(questionReportTarget(people.outsider, { townId: otherTown, eventId, questionId: question.id })).rejects.toMatchObject({ code: 'not_found' });

    const { reference } = await fileQuestionReport(people.member, { ...where, questionId: question.id, target: 'question', category: 'insult', explanation: 'Beleidigung', ...client });
    expect(reference).toMatch(/^M-\d+$/);
    await expect(fileQuestionReport(people.member, { ...where, questionId: question.id, target: 'question', category: 'insult', explanation: '', ...client })).rejects.toMatchObject({
      i18nKey: 'moderation:errors.alreadyReported',
    });
    // A guest reports too (with an address for the answer); the same case collects it. Both get a receipt.
    const guestReport = await fileQuestionReport(null, { ...where, questionId: question.id, target: 'question', category: 'insult', explanation: '', email: 'zeuge@example.org', ...client });
    const [receipt] = await sql`select body_text from mail_outbox where recipient = 'zeuge@example.org' order by id desc limit 1`;
    expect(receipt.bodyText).toContain(guestReport.reference);
    expect((await sql`select 1 from notifications where user_id = ${people.member.userId} and kind = 'report_received'`).length).toBe(1);

    const item = (await listQueue(people.moderator, { townId: town })).find((c) => c.questionId === question.id)!;
    expect(item).toMatchObject({ targetKind: 'question', reportCount: 2, questionStatus: 'open', eventTitle: expect.any(String), subjectName: 'qg-asker' });
    expect(item.questionsPath).toBe(`/towns/qa-guest-town/events/${eventId}/questions`);
    await expect(listQueue(people.moderatorB, { townId: town })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getCase(people.moderator, { townId: town, caseId: item.id })).reports).toHaveLength(2);

    // Thread actions do not apply to a question.
    await expect(decide(people.moderator, { townId: town, caseId: item.id, action: 'lock', ...reasons })).rejects.toMatchObject({ i18nKey: 'moderation:errors.actionNotApplicable' });
    const { decisionId } = await decide(people.moderator, { townId: town, caseId: item.id, action: 'hide', ...reasons });
    expect((await listQuestions(people.member, where)).questions.some((q) => q.id === question.id)).toBe(false);
    const [notice] = await sql`select 1 from notifications where user_id = ${people.asker.userId} and kind = 'decision'`;
    expect(notice).toBeTruthy();
    expect(await getDecision(people.asker, { decisionId })).toMatchObject({ action: 'hide', postExcerpt: 'Der Bürgermeister ist ein Versager.', eventTitle: expect.any(String), canAppeal: true });
    expect((await getDecision(people.member, { decisionId })).viewerRole).toBe('reporter');
    await expect(getDecision(people.outsider, { decisionId })).rejects.toMatchObject({ code: 'not_found' });

    const { appealId } = await fileAppeal(people.asker, { decisionId, text: 'Das ist Kritik, keine Beleidigung.' });
    await decideAppeal(people.moderator2, { townId: town, appealId, outcome: 'reversed', reasons: 'Zugespitzte Kritik an der Amtsführung ist zulässig.' });
    expect((await listQuestions(people.member, where)).questions.find((q) => q.id === question.id)!.status).toBe('open');
  });

  it('a guest whose question is hidden gets the statement of reasons by mail, having no account to read it in', async () => {
    const eventId = await newEvent({ guestsAllowed: true });
    const where = { townId: town, eventId };
    await askQuestion(null, { ...where, guestToken: await confirmedGuest(eventId, 'lea@example.org', 'Lea'), body: 'Alle im Rathaus sind korrupt.', anonymous: false });
    const question = (await listQuestions(people.member, where)).questions.find((q) => q.body === 'Alle im Rathaus sind korrupt.')!;
    expect(question.byGuest).toBe(true);
    await fileQuestionReport(people.member, { ...where, questionId: question.id, target: 'question', category: 'insult', explanation: '', ...client });
    // A guest has no account here: no sanction against them.
    const item = (await listQueue(people.moderator, { townId: town })).find((c) => c.questionId === question.id)!;
    expect(item).toMatchObject({ subjectName: 'Lea' });
    await expect(decide(people.moderator, { townId: town, caseId: item.id, action: 'warn', days: 7, ...reasons })).rejects.toMatchObject({ i18nKey: 'moderation:errors.actionNotApplicable' });
    await decide(people.moderator, { townId: town, caseId: item.id, action: 'hide', ground: 'law.stgb_185', facts: 'Pauschaler Vorwurf der Korruption ohne Anlass.', automated: false });
    const [mail] = await sql`select subject, body_text from mail_outbox where recipient = 'lea@example.org' order by id desc limit 1`;
    expect(mail.subject).toContain('ausgeblendet');
    expect(mail.bodyText).toContain('Pauschaler Vorwurf der Korruption ohne Anlass.');
    expect(mail.bodyText).toContain('§§ 185');
    expect(mail.bodyText).toMatch(/https?:\/\/\S+\/legal/);
  });

  it('a report about the asker may lead to a sanction in the town; at a network event the asker’s town decides', async () => {
    const networkEvent = await newEvent({}, null);
    const network = { townId: null, eventId: networkEvent };
    await askQuestion(people.asker, { ...network, body: 'Netzwerk-Frage mit Ausfall', anonymous: true });
    const question = (await listQuestions(people.outsider, network)).questions.find((q) => q.body === 'Netzwerk-Frage mit Ausfall')!;
    // Anonymous: the reporter does not learn the name, the moderators of the asker's town do.
    expect(await questionReportTarget(people.outsider, { ...network, questionId: question.id })).toMatchObject({ authorName: null, anonymous: true, townId: town });
    await fileQuestionReport(people.outsider, { ...network, questionId: question.id, target: 'user', category: 'harassment', explanation: '', ...client });
    const item = (await listQueue(people.moderator, { townId: town })).find((c) => c.targetKind === 'user' && c.subjectName === 'qg-asker')!;
    expect(item).toBeTruthy();
    expect((await listQueue(people.moderatorB, { townId: otherTown })).some((c) => c.subjectName === 'qg-asker')).toBe(false);
    await decide(people.moderator, { townId: town, caseId: item.id, action: 'mute', days: 3, ...reasons });
    // Muted in the town: the network's Q&A does not let them sidestep it.
    await expect(askQuestion(people.asker, { ...network, body: 'Noch eine', anonymous: false })).rejects.toMatchObject({ i18nKey: 'moderation:errors.muted' });
  });
});
