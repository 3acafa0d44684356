/**
 * The Selbstcheck against a real PostgreSQL: immutable questionnaire versions, rounds per town, answers only
 * their respondent reads, progress as counts, frozen scores, results for the right readers only, advice
 * requests through the network team's queue, and the k-anonymous benchmark across towns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from '#app/database/client.server';
import { BUS_CHANNEL } from '#app/domain/bus.server';
import type { BusMessage } from '#app/domain/bus';
import type { Actor } from '#app/domain/auth/permissions';
import { weltoffeneKommuneTemplate } from '../../../db/seed-data/selfcheck-template';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { insertNextVersion, listCurrentTemplates, listTemplateVersions, publishStandardQuestionnaire, publishTemplateVersion, templateById, type TemplateVersion } from './templates.server';
import { closeRound, getRoundProgress, inviteRespondents, listInvitableMembers, listRounds, openRound } from './rounds.server';
import { getMyQuestionnaire, saveMyAnswers } from './answers.server';
import { benchmarkOf, getRoundResults, resultsCsv } from './results.server';
import { assignAdvice, listAdviceQueue, listConsultants, listTownAdvice, requestAdvice, setAdviceStatus } from './advice.server';
import { getParticipation, getStocktaking } from './stocktaking.server';
import { listNotifications } from '#app/domain/forums/notifications.server';

const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => listener.end());

let template: TemplateVersion;
let townA: number;
let townB: number;
const people: Record<string, Actor> = {};
const questionKeys = weltoffeneKommuneTemplate.dimensions.flatMap((d) => d.questions.map((q) => q.key));
const firstDimension = weltoffeneKommuneTemplate.dimensions[0];

const questions = weltoffeneKommuneTemplate.dimensions.flatMap((d) => d.questions);
/** Every question answered with the point at `fraction` of its scale (0 weakest, ½ middle, 1 strongest: every scale has these). */
const allAnswers = (fraction: 0 | 0.5 | 1, comment = '') =>
  Object.fromEntries(questions.map((q) => [q.key, { value: String(q.scale.points[Math.round(fraction * (q.scale.points.length - 1))].value), comment }]));

async function person(label: string, townId: number | null, role: Parameters<typeof grantRole>[2] | null, network = false): Promise<Actor> {
  const created = await createUser({ label });
  if (townId && role) await grantRole(created.userId, townId, role);
  if (network) await makeNetworkTeam(created.userId);
  return actorOf(created.userId);
}

const refusal = (code: string) => expect.objectContaining({ code });

beforeAll(async () => {
  townA = await createTownDirectly('selfcheck-a', 'Town A');
  townB = await createTownDirectly('selfcheck-b', 'Town B');
  people.network = await person('network', null, null, true);
  template = await publishTemplateVersion(people.network, { content: weltoffeneKommuneTemplate });
  people.admin = await person('admin', townA, 'admin');
  people.moderator = await person('moderator', townA, 'moderator');
  people.organiser = await person('organiser', townA, 'organiser');
  people.official = await person('official', townA, 'official');
  people.member = await person('member', townA, 'member');
  people.member2 = await person('member2', townA, 'member');
  people.outsider = await person('outsider', townA, 'member');
  people.adminB = await person('adminB', townB, 'admin');
  people.memberB = await person('memberB', townB, 'member');
});

describe('questionnaire versions', () => {
  it('publishing an edit makes a new version; the old one and its rounds stay as they were', async () => {
    const edited = { ...weltoffeneKommuneTemplate, title: { ...weltoffeneKommuneTemplate.title, de: 'Selbstcheck (überarbeitet)' } };
    const roundOnV1 = await openRound(people.adminB, { townId: townB, title: 'Runde auf Version 1', templateId: template.id });
    const v2 = await publishTemplateVersion(people.network, { content: edited });
    expect(v2.version).toBe(template.version + 1);
    expect(v2.id).not.toBe(template.id);
    const [row] = await sql`select content from selfcheck_templates where id = ${template.id}`;
    expect(row.content.title.de).toBe(weltoffeneKommuneTemplate.title.de);
    const [round] = await sql`select template_id from selfcheck_rounds where id = ${roundOnV1}`;
    expect(Number(round.templateId)).toBe(template.id);
    expect((await listCurrentTemplates(people.admin)).map((t) => t.id)).toContain(v2.id);
    // Not even the database lets a published version change or vanish.
    await expect(sql`update selfcheck_templates set content = '{}' where id = ${template.id}`).rejects.toThrow(/never changes/);
    await expect(sql`delete from selfcheck_templates where id = ${template.id}`).rejects.toThrow(/never changes/);
    await sql`delete from selfcheck_rounds where id = ${roundOnV1}`;
  });

  it('only the network team publishes, and only valid questionnaires', async () => {
    for (const actor of [people.admin, people.member, null]) {
      await expect(publishTemplateVersion(actor, { content: weltoffeneKommuneTemplate })).rejects.toEqual(refusal(actor ? 'forbidden' : 'unauthenticated'));
    }
    await expect(insertNextVersion(sql, { ...weltoffeneKommuneTemplate, dimensions: [] }, null)).rejects.toEqual(refusal('invalid'));
    // The one-click standard questionnaire is for a fresh installation only; afterwards changes are versions.
    await expect(publishStandardQuestionnaire(people.admin)).rejects.toEqual(refusal('forbidden'));
    await expect(publishStandardQuestionnaire(people.network)).rejects.toEqual(refusal('conflict'));
    await expect(listTemplateVersions(people.admin)).rejects.toEqual(refusal('forbidden'));
    expect((await listTemplateVersions(people.network)).map((v) => v.version)).toEqual([2, 1]);
  });
});

describe('a round', () => {
  let roundId: number;

  it('is opened by the town admin only, one at a time', async () => {
    for (const actor of [people.moderator, people.organiser, people.official, people.member, people.adminB, people.network]) {
      await expect(openRound(actor, { townId: townA, title: 'Frühjahr', templateId: template.id })).rejects.toEqual(refusal('forbidden'));
    }
    await expect(openRound(null, { townId: townA, title: 'Frühjahr', templateId: template.id })).rejects.toEqual(refusal('unauthenticated'));
    roundId = await openRound(people.admin, { townId: townA, title: 'Frühjahr 2026', templateId: template.id });
    await expect(openRound(people.admin, { townId: townA, title: 'Noch eine', templateId: template.id })).rejects.toEqual(refusal('conflict'));
  });

  it('invites members of the town only', async () => {
    await expect(inviteRespondents(people.admin, { townId: townA, roundId, userIds: [people.memberB.userId] })).rejects.toEqual(refusal('invalid'));
    await expect(inviteRespondents(people.adminB, { townId: townB, roundId, userIds: [people.memberB.userId] })).rejects.toEqual(refusal('not_found'));
    await expect(inviteRespondents(people.moderator, { townId: townA, roundId, userIds: [people.member.userId] })).rejects.toEqual(refusal('forbidden'));
    const invited = await inviteRespondents(people.admin, {
      townId: townA,
      roundId,
      userIds: [people.member.userId, people.moderator.userId, people.member2.userId, people.memberB.userId],
    });
    expect(invited).toBe(3);
    const invitable = (await listInvitableMembers(people.admin, { townId: townA, roundId })).map((m) => m.userId);
    expect(invitable).not.toContain(people.member.userId);
    expect(invitable).toContain(people.outsider.userId);
    const [mail] = await sql`select subject, body_text from mail_outbox where recipient = ${people.member.email} order by id desc limit 1`;
    expect(mail.bodyText).toContain(`/towns/selfcheck-a/selfcheck/rounds/${roundId}/answer`);
  });

  it('is listed to whoever may know of it', async () => {
    expect((await listRounds(people.admin, { townId: townA })).map((r) => r.id)).toEqual([roundId]);
    expect((await listRounds(people.member, { townId: townA }))[0]).toMatchObject({ id: roundId, invited: true });
    // Staff who were not invited see closed rounds only; uninvited members and other towns see nothing.
    for (const actor of [people.official, people.outsider, people.adminB, people.memberB]) {
      expect(await listRounds(actor, { townId: townA })).toEqual([]);
    }
  });

  it('takes answers from its respondents, each reading only their own', async () => {
    const published: BusMessage[] = [];
    const listening = await listener.listen(BUS_CHANNEL, (payload) => published.push(JSON.parse(payload)));
    // The first question does not allow "not applicable": the whole save is refused, nothing stored.
    await expect(
      saveMyAnswers(people.member, { townId: townA, roundId, answers: { ...allAnswers(0, 'Noch viel zu tun'), [questionKeys[0]]: { value: 'na' } } }),
    ).rejects.toEqual(refusal('invalid'));
    expect((await getMyQuestionnaire(people.member, { townId: townA, roundId })).answers).toEqual({});
    await saveMyAnswers(people.member, { townId: townA, roundId, answers: allAnswers(0, 'Noch viel zu tun') });
    await saveMyAnswers(people.moderator, { townId: townA, roundId, answers: { ...allAnswers(1), [questionKeys[1]]: { value: '' } }, finish: true });
    await expect(saveMyAnswers(people.member2, { townId: townA, roundId, answers: { [questionKeys[0]]: { value: '9' } } })).rejects.toEqual(refusal('invalid'));
    await expect(saveMyAnswers(people.member2, { townId: townA, roundId, answers: { 'no-such-question': { value: '1' } } })).rejects.toEqual(refusal('invalid'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await listening.unlisten();
    expect(published).toContainEqual({ type: 'round:progress', townId: townA, roundId });

    const mine = await getMyQuestionnaire(people.member, { townId: townA, roundId });
    expect(mine.answers[questionKeys[0]]).toEqual({ value: 1, comment: 'Noch viel zu tun' });
    const theirs = await getMyQuestionnaire(people.moderator, { townId: townA, roundId });
    expect(theirs.answers[questionKeys[0]]).toEqual({ value: 5, comment: '' });
    expect(theirs.answers[questionKeys[1]]).toBeUndefined();
    // Nobody else reads a respondent's answers: not the admin, not other staff, not the network team, not town B.
    for (const actor of [people.admin, people.official, people.outsider, people.network, people.adminB]) {
      await expect(getMyQuestionnaire(actor, { townId: townA, roundId })).rejects.toEqual(refusal('not_found'));
    }
    await expect(getMyQuestionnaire(people.memberB, { townId: townB, roundId })).rejects.toEqual(refusal('not_found'));
    await expect(saveMyAnswers(people.outsider, { townId: townA, roundId, answers: allAnswers(1) })).rejects.toEqual(refusal('not_found'));
  });

  it('shows the admin progress as counts, never answers', async () => {
    const progress = await getRoundProgress(people.admin, { townId: townA, roundId });
    const member = progress.progress.find((p) => p.userId === people.member.userId)!;
    expect(member).toMatchObject({ answered: questionKeys.length, questions: questionKeys.length, finishedAt: null });
    expect(progress.progress.find((p) => p.userId === people.moderator.userId)).toMatchObject({ answered: questionKeys.length - 1, finishedAt: expect.any(Date) });
    expect(JSON.stringify(progress)).not.toContain('Noch viel zu tun');
    for (const actor of [people.moderator, people.official, people.member, people.network, people.adminB]) {
      await expect(getRoundProgress(actor, { townId: townA, roundId })).rejects.toEqual(refusal('forbidden'));
    }
    await expect(getRoundProgress(people.adminB, { townId: townB, roundId })).rejects.toEqual(refusal('not_found'));
  });

  it('has no results while open', async () => {
    await expect(getRoundResults(people.admin, { townId: townA, roundId })).rejects.toEqual(refusal('not_found'));
  });

  it('is closed by the admin, which freezes the scores and ends answering', async () => {
    await expect(closeRound(people.moderator, { townId: townA, roundId })).rejects.toEqual(refusal('forbidden'));
    await expect(closeRound(people.adminB, { townId: townB, roundId })).rejects.toEqual(refusal('not_found'));
    const scores = await closeRound(people.admin, { townId: townA, roundId });
    // The member answered the weakest point everywhere (0), the moderator the strongest (100): mean 50, spread 50 either side.
    expect(scores.respondents).toBe(2);
    expect(scores.dimensions[0]).toMatchObject({ dimensionKey: firstDimension.key, score: 50, spread: { lowest: 0, highest: 100, standardDeviation: 50 } });
    await expect(saveMyAnswers(people.member, { townId: townA, roundId, answers: allAnswers(1) })).rejects.toEqual(refusal('conflict'));
    await expect(closeRound(people.admin, { townId: townA, roundId })).rejects.toEqual(refusal('conflict'));
    // A respondent still reads their own answers afterwards.
    expect((await getMyQuestionnaire(people.member, { townId: townA, roundId })).status).toBe('closed');
  });

  it('has results for staff, respondents and the network team — aggregates without anyone’s answers', async () => {
    for (const actor of [people.admin, people.moderator, people.official, people.organiser, people.member, people.network]) {
      const results = await getRoundResults(actor, { townId: townA, roundId });
      expect(results.scores.dimensions).toHaveLength(weltoffeneKommuneTemplate.dimensions.length);
      const text = JSON.stringify(results);
      // Staff read comments without names; respondents and the network team get none.
      const staff = [people.admin, people.moderator, people.official, people.organiser].includes(actor);
      expect(text.includes('Noch viel zu tun')).toBe(staff);
      if (staff) expect(results.comments).toContainEqual({ questionKey: questionKeys[0], texts: ['Noch viel zu tun'] });
      else expect(results.comments).toBeNull();
      for (const respondent of [people.member, people.moderator]) expect(text).not.toContain(respondent.userId);
      expect(results.canRequestAdvice).toBe(actor === people.admin);
    }
    for (const actor of [people.outsider, people.adminB, people.memberB]) {
      await expect(getRoundResults(actor, { townId: townA, roundId })).rejects.toEqual(refusal('not_found'));
    }
    await expect(getRoundResults(people.adminB, { townId: townB, roundId })).rejects.toEqual(refusal('not_found'));
    const results = await getRoundResults(people.admin, { townId: townA, roundId });
    expect(results.action.needs.length).toBeGreaterThan(0);
    expect(results.comparison).toBeNull();
    const csv = resultsCsv(results, 'de', ['Dimension', 'Score']);
    expect(csv).toContain(firstDimension.title.de);
  });

  it('compares with the town’s earlier round', async () => {
    const second = await openRound(people.admin, { townId: townA, title: 'Herbst 2026', templateId: template.id });
    await inviteRespondents(people.admin, { townId: townA, roundId: second, userIds: [people.member.userId] });
    await saveMyAnswers(people.member, { townId: townA, roundId: second, answers: allAnswers(1) });
    await closeRound(people.admin, { townId: townA, roundId: second });
    const results = await getRoundResults(people.admin, { townId: townA, roundId: second });
    expect(results.comparison?.earlier.id).toBe(roundId);
    expect(results.comparison?.result.dimensions[0]).toMatchObject({ earlier: 50, current: 100, change: 50, direction: 'improved' });
    expect(results.history.rounds.map((r) => r.id)).toEqual([roundId, second]);
  });
});

describe('advice requests', () => {
  let requestId: number;
  let roundId: number;

  beforeAll(async () => {
    [{ id: roundId }] = (await listRounds(people.admin, { townId: townA })).slice(-1);
  });

  it('are asked for by the town admin on a closed round', async () => {
    const input = { townId: townA, roundId, dimensionKey: firstDimension.key, preferredFormat: 'online' as const, message: 'Wir möchten über einen Ratsbeschluss sprechen.' };
    for (const actor of [people.moderator, people.member, people.network]) await expect(requestAdvice(actor, input)).rejects.toEqual(refusal('forbidden'));
    await expect(requestAdvice(people.adminB, { ...input, townId: townB })).rejects.toEqual(refusal('not_found'));
    await expect(requestAdvice(people.admin, { ...input, dimensionKey: 'no-such-dimension' })).rejects.toEqual(refusal('invalid'));
    requestId = await requestAdvice(people.admin, input);
  });

  it('reach the network team’s queue; each town sees its own only', async () => {
    expect((await listAdviceQueue(people.network)).map((r) => r.id)).toContain(requestId);
    for (const actor of [people.admin, people.member]) await expect(listAdviceQueue(actor)).rejects.toEqual(refusal('forbidden'));
    expect((await listTownAdvice(people.official, { townId: townA })).map((r) => r.id)).toEqual([requestId]);
    expect(await listTownAdvice(people.adminB, { townId: townB })).toEqual([]);
    await expect(listTownAdvice(people.adminB, { townId: townA })).rejects.toEqual(refusal('forbidden'));
    await expect(listTownAdvice(people.member, { townId: townA })).rejects.toEqual(refusal('forbidden'));
  });

  it('are assigned to a consultant of the network team and move forward with notes the town reads', async () => {
    await expect(assignAdvice(people.network, { requestId, consultantId: people.admin.userId })).rejects.toEqual(refusal('invalid'));
    await expect(assignAdvice(people.admin, { requestId, consultantId: people.network.userId })).rejects.toEqual(refusal('forbidden'));
    expect((await listConsultants(people.network)).map((c) => c.userId)).toContain(people.network.userId);
    await assignAdvice(people.network, { requestId, consultantId: people.network.userId });
    await setAdviceStatus(people.network, { requestId, status: 'scheduled', note: 'Videotermin am 12. Mai, 10 Uhr' });
    await expect(setAdviceStatus(people.network, { requestId, status: 'open', note: '' })).rejects.toEqual(refusal('conflict'));
    const [town] = await listTownAdvice(people.admin, { townId: townA });
    expect(town).toMatchObject({ status: 'scheduled', consultantName: people.network.displayName });
    expect(town.events.at(-1)).toMatchObject({ status: 'scheduled', note: 'Videotermin am 12. Mai, 10 Uhr' });
    const [mail] = await sql`select body_text from mail_outbox where recipient = ${people.admin.email} order by id desc limit 1`;
    expect(mail.bodyText).toContain('Videotermin am 12. Mai, 10 Uhr');
    // … and in the app: a notice on the admin's notifications page; nobody outside the town gets one.
    expect((await listNotifications(people.admin)).filter((n) => n.kind === 'advice_update')).toHaveLength(2);
    expect((await listNotifications(people.adminB)).filter((n) => n.kind === 'advice_update')).toHaveLength(0);
    await setAdviceStatus(people.network, { requestId, status: 'done', note: 'Beratung hat stattgefunden.' });
    expect((await listTownAdvice(people.admin, { townId: townA }))[0].status).toBe('done');
  });
});

describe('the network benchmark', () => {
  const towns: { townId: number; admin: Actor; respondent: Actor }[] = [];
  let version: TemplateVersion;

  /** A town whose one respondent answers everything with `value`, its round closed. */
  async function townWithClosedRound(index: number, value: 0 | 0.5 | 1) {
    const townId = await createTownDirectly(`bench-${index}`, `Bench ${index}`);
    const admin = await person(`bench-admin-${index}`, townId, 'admin');
    const respondent = await person(`bench-resp-${index}`, townId, 'member');
    const roundId = await openRound(admin, { townId, title: `Runde ${index}`, templateId: version.id });
    await inviteRespondents(admin, { townId, roundId, userIds: [respondent.userId] });
    await saveMyAnswers(respondent, { townId, roundId, answers: allAnswers(value) });
    await closeRound(admin, { townId, roundId });
    towns.push({ townId, admin, respondent });
    return { townId, roundId };
  }

  beforeAll(async () => {
    version = await publishTemplateVersion(people.network, { content: weltoffeneKommuneTemplate });
  });

  it('shows nothing with 4 towns, a coarse distribution with 5, and the same view when a 6th town closes', async () => {
    for (const [i, value] of ([0, 0.5, 0.5, 1] as const).entries()) await townWithClosedRound(i, value);
    const four = (await benchmarkOf(version.id)).benchmark;
    expect(four.dimensions.every((d) => !d.shown)).toBe(true);
    const fifth = await townWithClosedRound(4, 1);
    const five = (await benchmarkOf(version.id)).benchmark;
    // Scores 0, 50, 50, 100, 100: the middle half from 50 to 100, the median 50.
    expect(five.dimensions[0]).toEqual({ dimensionKey: firstDimension.key, shown: true, towns: 5, middleHalf: { from: 50, to: 100 }, median: 50 });
    // Neither minimum nor maximum nor mean is published.
    expect(JSON.stringify(five)).not.toMatch(/"(min|max|mean|lowest|highest|average)"/i);

    // A sixth town closing does not change what anyone sees: comparing the two views singles nobody out.
    const sixth = await townWithClosedRound(5, 0);
    expect((await benchmarkOf(version.id)).benchmark).toEqual(five);
    // The town sees where it stands against the shown distribution only.
    const placed = await getRoundResults(towns[4].admin, { townId: fifth.townId, roundId: fifth.roundId });
    expect(placed.placement[firstDimension.key]).toBe('in_middle_half');
    expect((await getRoundResults(towns[0].admin, { townId: towns[0].townId, roundId: (await listRounds(towns[0].admin, { townId: towns[0].townId }))[0].id })).placement[firstDimension.key]).toBe('below_middle_half');
    const sixthView = await getRoundResults(towns[5].admin, { townId: sixth.townId, roundId: sixth.roundId });
    expect(sixthView.benchmark).toEqual(five);
  });

  it('is the network team’s stock-taking with who started, closed and asked for advice', async () => {
    await expect(getStocktaking(people.admin)).rejects.toEqual(refusal('forbidden'));
    const stock = await getStocktaking(people.network);
    const entry = stock.benchmarks.find((b) => b.templateId === version.id)!;
    expect(entry.benchmark.dimensions[0].shown).toBe(true);
    expect(stock.benchmarks.find((b) => b.templateId === template.id)!.benchmark.dimensions.every((d) => !d.shown)).toBe(true);
    const a = stock.towns.find((t) => t.townId === townA)!;
    expect(a).toMatchObject({ rounds: 2, closedRounds: 2, openRound: false, adviceRequests: 1, adviceOpen: 0 });
    // No scores of single towns in the network's view.
    expect(JSON.stringify(stock.towns)).not.toMatch(/score/i);
    const participation = await getParticipation(people.network, { months: 3 });
    expect(participation.filter((p) => p.townId === townA)).toHaveLength(3);
    await expect(getParticipation(people.member)).rejects.toEqual(refusal('forbidden'));
  });

  // Runs once the dialogues area's tables are there (after merging it); until then attendance is null.
  it('counts people checked in at a town’s dialogue events, once there are dialogue events', async () => {
    const [{ present }] = await sql`select to_regclass('dialogue_registrations') is not null as present`;
    if (!present) {
      expect((await getParticipation(people.network, { months: 1 })).every((p) => p.eventAttendance === null)).toBe(true);
      return;
    }
    const [event] = await sql`
      insert into dialogue_events (municipality_id, format, mode, default_language, title, description_doc, description_html, description_text, starts_at, ends_at, time_zone, status)
      values (${townA}, 'workshop', 'online', 'de', 'Werkstatt', '{}', '', '', now(), now() + interval '1 hour', 'Europe/Berlin', 'published') returning id`;
    for (const [i, who] of [people.member, people.member2].entries()) {
      await sql`insert into dialogue_registrations (event_id, user_id, status, code, checked_in_at) values (${event.id}, ${who.userId}, 'confirmed', ${`ABCDEFGH${i}`}, now())`;
    }
    const month = (await getParticipation(people.network, { months: 1 })).find((p) => p.townId === townA)!;
    expect(month.eventAttendance).toBe(2);
  });

  it('parses stored versions once and keeps them', async () => {
    expect((await templateById(sql, version.id)).template.dimensions.length).toBe(weltoffeneKommuneTemplate.dimensions.length);
  });
});
