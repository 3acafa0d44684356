/**
 * Dialogue events against a real PostgreSQL: who may schedule where (every role), drafts that do not exist for
 * others, network events in every town, texts per language with fallback, daylight-saving days, filters, the
 * month calendar, and calendar files parsed back with ical.js (the join link only in a registrant's copy).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam } from '../../../db/testing/factories';
import { cancelEvent, createEvent, documentEvent, getAttachment, eventCalendar, feedCalendar, getDocumentation, getEvent, getEventForEditing, listEvents, listMonth, publishEvent, updateEvent } from './events.server';
import { register } from './registrations.server';
import type { EventFormInput } from './schemas';
import { eventInput } from '../../../db/testing/dialogue-fixtures';
import { createTestForum, startThread } from '../../../db/testing/forum-fixtures';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

let townA: number;
let townB: number;
const people: Record<string, Actor> = {};

const notFound = { code: 'not_found', i18nKey: 'dialogues:errors.notFound' };
const notOrganiser = { code: 'forbidden', i18nKey: 'dialogues:errors.notOrganiser' };

beforeAll(async () => {
  townA = await createTownDirectly('dlg-town-a');
  townB = await createTownDirectly('dlg-town-b');
  const roles: [string, number | null, string][] = [
    ['member', townA, 'member'],
    ['moderator', townA, 'moderator'],
    ['organiser', townA, 'organiser'],
    ['official', townA, 'official'],
    ['admin', townA, 'admin'],
    ['organiserB', townB, 'organiser'],
    ['memberB', townB, 'member'],
    ['network', null, 'network'],
  ];
  for (const [label, town, role] of roles) {
    const person = await createUser({ label });
    if (town !== null) await grantRole(person.userId, town, role as 'member');
    else await makeNetworkTeam(person.userId);
    people[label] = await actorOf(person.userId);
  }
});

describe('who may schedule', () => {
  it("a town's organisers and admins create, edit, publish and cancel its events; nobody else", async () => {
    for (const who of ['organiser', 'admin']) {
      const { id, path } = await createEvent(people[who], { townId: townA, ...eventInput({ title: `By ${who}` }) });
      expect(path).toBe(`/towns/dlg-town-a/events/${id}`);
      await updateEvent(people[who], { townId: townA, eventId: id, ...eventInput({ title: `Edited by ${who}` }) });
      await publishEvent(people[who], { townId: townA, eventId: id });
      expect((await getEvent(null, { townId: townA, eventId: id })).title).toBe(`Edited by ${who}`);
      await cancelEvent(people[who], { townId: townA, eventId: id });
      expect((await getEvent(null, { townId: townA, eventId: id })).status).toBe('cancelled');
    }
    const { id } = await createEvent(people.organiser, { townId: townA, ...eventInput() });
    for (const who of ['member', 'moderator', 'official', 'organiserB', 'memberB', 'network']) {
      await expect(createEvent(people[who], { townId: townA, ...eventInput() })).rejects.toMatchObject(notOrganiser);
      await expect(updateEvent(people[who], { townId: townA, eventId: id, ...eventInput() })).rejects.toMatchObject(notOrganiser);
      await expect(publishEvent(people[who], { townId: townA, eventId: id })).rejects.toMatchObject(notOrganiser);
      await expect(cancelEvent(people[who], { townId: townA, eventId: id })).rejects.toMatchObject(notOrganiser);
      await expect(getEventForEditing(people[who], { townId: townA, eventId: id })).rejects.toMatchObject(notOrganiser);
    }
    await expect(createEvent(null, { townId: townA, ...eventInput() })).rejects.toMatchObject({ code: 'unauthenticated' });
    // Town B's organiser cannot reach town A's event through their own town: it is not found there.
    await expect(updateEvent(people.organiserB, { townId: townB, eventId: id, ...eventInput() })).rejects.toMatchObject(notFound);
    await expect(publishEvent(people.organiserB, { townId: townB, eventId: id })).rejects.toMatchObject(notFound);
  });

  it('network-wide events are the network team’s, and every town lists them', async () => {
    const { id, path } = await createEvent(people.network, { townId: null, ...eventInput({ format: 'network_review', title: 'Bilanz 2031' }) });
    expect(path).toBe(`/network/events/${id}`);
    for (const who of ['organiser', 'admin', 'member']) {
      await expect(createEvent(people[who], { townId: null, ...eventInput() })).rejects.toMatchObject(notOrganiser);
    }
    expect((await listEvents(people.member, { townId: townA })).some((event) => event.id === id)).toBe(false);
    await publishEvent(people.network, { townId: null, eventId: id });
    for (const townId of [townA, townB, null]) expect((await listEvents(null, { townId })).some((event) => event.id === id)).toBe(true);
    // Only network events may be a network stock-taking.
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ format: 'network_review' }) })).rejects.toMatchObject({ field: 'format' });
  });
});

describe('drafts', () => {
  it('do not exist for anyone but their organisers', async () => {
    const { id } = await createEvent(people.organiser, { townId: townA, ...eventInput({ title: 'Secret draft' }) });
    for (const who of [null, people.member, people.moderator, people.official, people.organiserB, people.network]) {
      await expect(getEvent(who, { townId: townA, eventId: id })).rejects.toMatchObject(notFound);
      expect((await listEvents(who, { townId: townA })).some((event) => event.id === id)).toBe(false);
      await expect(eventCalendar(who, { townId: townA, eventId: id, language: 'de' })).rejects.toMatchObject(notFound);
    }
    await expect(register(people.member, { townId: townA, eventId: id, answers: {}, language: 'de' })).rejects.toMatchObject(notFound);
    expect((await getEvent(people.admin, { townId: townA, eventId: id })).status).toBe('draft');
    expect((await listEvents(people.organiser, { townId: townA })).some((event) => event.id === id)).toBe(true);
    expect(await feedCalendar(null, { townId: townA, language: 'de', name: 'A' })).not.toContain('Secret draft');
    // Another town's page never shows it either, not even to its organisers.
    await expect(getEvent(people.organiser, { townId: townB, eventId: id })).rejects.toMatchObject(notFound);
  });
});

describe('texts and times', () => {
  it('title and description per language, falling back to the town’s default', async () => {
    const { id } = await createEvent(people.organiser, {
      townId: townA,
      ...eventInput({ title: 'Stadtteilgespräch', translations: { en: { title: 'Neighbourhood talk', descriptionText: 'We talk about the harbour.' } } }),
    });
    await publishEvent(people.organiser, { townId: townA, eventId: id });
    const english = await getEvent(null, { townId: townA, eventId: id, language: 'en' });
    expect(english).toMatchObject({ title: 'Neighbourhood talk', textLanguage: 'en' });
    expect(english.descriptionHtml).toContain('We talk about the harbour.');
    const arabic = await getEvent(null, { townId: townA, eventId: id, language: 'ar' });
    expect(arabic).toMatchObject({ title: 'Stadtteilgespräch', textLanguage: 'de' });
    expect(arabic.descriptionHtml).toContain('Wir sprechen über den Hafen.');
    // A translation into a language the town does not offer (the test town has de and en) is refused beside it.
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ translations: { tr: { title: 'Sohbet' } } }) })).rejects.toMatchObject({ field: 'translations.tr.title' });
    // A description without JavaScript is plain text, through the same pipeline.
    const plain = await createEvent(people.organiser, { townId: townA, ...eventInput({ description: undefined, descriptionText: '<b>not bold</b>' }) });
    expect((await getEvent(people.organiser, { townId: townA, eventId: plain.id })).descriptionHtml).toBe('<p>&lt;b&gt;not bold&lt;/b&gt;</p>');
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ description: undefined }) })).rejects.toMatchObject({ field: 'descriptionText', i18nKey: 'editor:errors.empty' });
  });

  it('stores UTC and keeps the town’s wall clock across daylight-saving changes', async () => {
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ startDate: '2031-03-30', startTime: '02:30', endTime: '04:00' }) })).rejects.toMatchObject({
      field: 'startTime',
      i18nKey: 'dialogues:errors.timeDoesNotExist',
    });
    // 02:30 on the autumn changeover day is its first occurrence, still summer time (UTC+2).
    const autumn = await createEvent(people.organiser, { townId: townA, ...eventInput({ startDate: '2031-10-26', startTime: '02:30', endTime: '04:00' }) });
    const [row] = await sql`select starts_at, ends_at from dialogue_events where id = ${autumn.id}`;
    expect(row.startsAt.toISOString()).toBe('2031-10-26T00:30:00.000Z');
    expect(row.endsAt.toISOString()).toBe('2031-10-26T03:00:00.000Z');
    expect(await getEventForEditing(people.organiser, { townId: townA, eventId: autumn.id })).toMatchObject({ startDate: '2031-10-26', startTime: '02:30', endTime: '04:00' });
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ startTime: '20:00', endTime: '19:00' }) })).rejects.toMatchObject({ field: 'endTime' });
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ deadlineDate: '2031-06-13', deadlineTime: '10:00' }) })).rejects.toMatchObject({ field: 'deadlineTime' });
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ venueAddress: undefined }) })).rejects.toMatchObject({ field: 'venueAddress' });
    await expect(createEvent(people.organiser, { townId: townA, ...eventInput({ mode: 'hybrid' }) })).rejects.toMatchObject({ field: 'joinUrl' });
  });
});

describe('discovery', () => {
  it('filters by format, language (spoken or interpreted), online and accessibility; the month view', async () => {
    const town = await createTownDirectly('dlg-filters');
    const organiser = await createUser({ label: 'filters' });
    await grantRole(organiser.userId, town, 'organiser');
    const actor = await actorOf(organiser.userId);
    const make = async (overrides: Partial<EventFormInput>) => {
      const { id } = await createEvent(actor, { townId: town, ...eventInput(overrides) });
      await publishEvent(actor, { townId: town, eventId: id });
      return id;
    };
    const workshop = await make({ format: 'workshop', accessibility: ['step_free', 'hearing_loop'], interpretation: ['dgs', 'ar'] });
    const online = await make({ mode: 'online', venueAddress: undefined, joinUrl: 'https://meet.example.org/room', languages: ['de', 'tr'], startDate: '2031-07-02' });
    const ids = async (filters: object) => (await listEvents(null, { townId: town, filters })).map((event) => event.id).filter((id) => [workshop, online].includes(id));
    expect(await ids({ format: 'workshop' })).toEqual([workshop]);
    expect(await ids({ language: 'ar' })).toEqual([workshop]);
    expect(await ids({ language: 'tr' })).toEqual([online]);
    expect(await ids({ online: 'online' })).toEqual([online]);
    expect(await ids({ online: 'in_person' })).toEqual([workshop]);
    expect(await ids({ accessibility: 'hearing_loop' })).toEqual([workshop]);
    expect(await ids({})).toEqual([workshop, online]);
    const june = await listMonth(null, { townId: town, month: '2031-06' });
    expect(june.events.map((event) => event.id)).toContain(workshop);
    expect(june.events.map((event) => event.id)).not.toContain(online);
  });
});

describe('calendar files', () => {
  it('one event, the town feed and the network feed parse back with their zone; the join link only for registrants', async () => {
    const { id } = await createEvent(people.organiser, {
      townId: townA,
      ...eventInput({ mode: 'hybrid', joinUrl: 'https://meet.example.org/secret-room', title: 'Hybrider Dialog', startDate: '2031-10-26', startTime: '18:00', endTime: '19:30' }),
    });
    await publishEvent(people.organiser, { townId: townA, eventId: id });
    const parse = (text: string) => new ICAL.Component(ICAL.parse(text));
    const publicIcs = await eventCalendar(people.member, { townId: townA, eventId: id, language: 'de' });
    const vevent = parse(publicIcs).getFirstSubcomponent('vevent')!;
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(start.toString()).toContain('2031-10-26T18:00:00');
    // Calendar files fold long lines (RFC 5545 §3.1): unfold before looking for the link.
    const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
    expect(unfold(publicIcs)).not.toContain('secret-room');
    const detail = await getEvent(people.member, { townId: townA, eventId: id });
    expect(detail.joinUrl).toBeNull();
    expect(JSON.stringify(await listEvents(people.member, { townId: townA }))).not.toContain('secret-room');

    await register(people.member, { townId: townA, eventId: id, answers: {}, language: 'de' });
    expect((await getEvent(people.member, { townId: townA, eventId: id })).joinUrl).toBe('https://meet.example.org/secret-room');
    expect(unfold(await eventCalendar(people.member, { townId: townA, eventId: id, language: 'de' }))).toContain('https://meet.example.org/secret-room');
    // The confirmation mail carries the registrant's copy.
    const [mail] = await sql`select attachments from mail_outbox where recipient = ${people.member.email} order by id desc limit 1`;
    expect(unfold(mail.attachments[0].content)).toContain('https://meet.example.org/secret-room');
    expect(parse(mail.attachments[0].content).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')).toBe('Hybrider Dialog');

    const feed = await feedCalendar(people.member, { townId: townA, language: 'de', name: 'Town A' });
    expect(unfold(feed)).not.toContain('secret-room');
    const feedEvents = parse(feed).getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('summary'));
    expect(feedEvents).toContain('Hybrider Dialog');
    expect(parse(feed).getFirstSubcomponent('vtimezone')).toBeTruthy();
    const network = await feedCalendar(null, { townId: null, language: 'de', name: 'Network' });
    expect(parse(network).getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('summary'))).toContain('Bilanz 2031');
    expect(network).not.toContain('Hybrider Dialog');
  });
});

describe('documentation after the event', () => {
  it('the organisers document summary, outcomes and a recording once the event has begun; everyone reads it', async () => {
    const { id } = await createEvent(people.organiser, { townId: townA, ...eventInput({ title: 'Documented' }) });
    await publishEvent(people.organiser, { townId: townA, eventId: id });
    const input = { townId: townA, eventId: id, summary: doc('Wir haben über Bänke gesprochen.'), outcomesText: 'Drei neue Bänke bis Mai.', recordingUrl: 'https://video.example.org/r/1' };
    await expect(documentEvent(people.organiser, input)).rejects.toMatchObject({ code: 'conflict', i18nKey: 'dialogues:errors.notYetHeld' });
    await sql`update dialogue_events set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ${id}`;
    for (const who of ['member', 'moderator', 'official', 'organiserB', 'network']) {
      await expect(documentEvent(people[who], input)).rejects.toMatchObject(notOrganiser);
    }
    await expect(documentEvent(people.organiser, { ...input, recordingUrl: undefined, summary: '{"type":"doc","content":[{"type":"script"}]}' })).rejects.toMatchObject({ field: 'summary' });
    await documentEvent(people.admin, input);
    const documentation = await getDocumentation(null, { townId: townA, eventId: id });
    expect(documentation).toMatchObject({ summaryHtml: '<p>Wir haben über Bänke gesprochen.</p>', outcomesHtml: '<p>Drei neue Bänke bis Mai.</p>', recordingUrl: 'https://video.example.org/r/1', attended: 0 });
    expect(documentation.documentedAt).toBeInstanceOf(Date);
    await expect(getDocumentation(null, { townId: townB, eventId: id })).rejects.toMatchObject(notFound);

    // A follow-up thread: a public one of the same town, by address or number.
    const forum = await createTestForum(townA, 'followup');
    const { threadId } = await startThread(people.member, townA, forum, 'Wie geht es weiter mit den Bänken?');
    const forumB = await createTestForum(townB, 'followup-b');
    const { threadId: otherTown } = await startThread(people.memberB, townB, forumB, 'Anderswo');
    const heldForum = await createTestForum(townA, 'followup-held', { premoderated: true });
    const { threadId: held } = await startThread(people.member, townA, heldForum, 'Wartet');
    for (const bad of [String(otherTown), `/towns/dlg-town-a/threads/${held}`, 'not a thread', '99999999']) {
      await expect(documentEvent(people.organiser, { ...input, followUpThread: bad })).rejects.toMatchObject({ field: 'followUpThread', i18nKey: 'dialogues:errors.threadNotFound' });
    }
    await documentEvent(people.organiser, { ...input, followUpThread: `http://localhost/towns/dlg-town-a/threads/${threadId}` });
    expect((await getDocumentation(null, { townId: townA, eventId: id })).followUp).toEqual({ title: 'Wie geht es weiter mit den Bänken?', path: `/towns/dlg-town-a/threads/${threadId}` });

    // Files: PDF and images by their bytes, whatever their names say; readable by whoever reads the event.
    const pdf = new File([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], 'Protokoll.pdf', { type: 'application/pdf' });
    const fake = new File([Buffer.from('<script>alert(1)</script>')], 'Protokoll.pdf', { type: 'application/pdf' });
    await expect(documentEvent(people.organiser, { ...input, attachments: [fake] })).rejects.toMatchObject({ field: 'attachments', i18nKey: 'common:errors.fileType' });
    await documentEvent(people.organiser, { ...input, attachments: [pdf] });
    const [attachment] = (await getDocumentation(null, { townId: townA, eventId: id })).attachments;
    expect(attachment).toMatchObject({ name: 'Protokoll.pdf', mediaType: 'application/pdf' });
    expect((await getAttachment(null, { townId: townA, eventId: id, attachmentId: attachment.id })).bytes.toString('latin1')).toContain('%PDF-1.4');
    await expect(getAttachment(null, { townId: townB, eventId: id, attachmentId: attachment.id })).rejects.toMatchObject(notFound);
    await documentEvent(people.organiser, { ...input, removeAttachments: [attachment.id] });
    expect((await getDocumentation(null, { townId: townA, eventId: id })).attachments).toEqual([]);
  });
});
