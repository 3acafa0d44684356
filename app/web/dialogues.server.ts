/**
 * What the dialogue-event routes share: the scope of a URL (a town's events under `/towns/<slug>/events`, the
 * network's under `/network/events`), and the loaders and actions of pages that exist in both places. Route
 * modules stay thin: each calls one of these.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { isMemberOf } from '#app/domain/auth/permissions';
import { DomainError } from '#app/domain/errors';
import { canManageEvents } from '#app/domain/dialogues/access';
import { cancelEvent, createEvent, documentEvent, eventCalendar, getAttachment, eventTownFacts, feedCalendar, getDocumentation, getEvent, getEventForEditing, listEvents, listMonth, publishEvent, updateEvent } from '#app/domain/dialogues/events.server';
import {
  attendeesCsv,
  cancelByToken,
  cancelRegistration,
  checkIn,
  confirmGuest,
  listRegistrations,
  register,
  registerGuest,
  registrationByToken,
  registrationCounts,
} from '#app/domain/dialogues/registrations.server';
import { registrationCheckInUrl, registrationQrSvg } from '#app/domain/dialogues/qr.server';
import { askQuestion, guestQaAccess, listQuestions, liveQuestion, moderateQuestion, toggleVote } from '#app/domain/dialogues/questions.server';
import { fileQuestionReport, questionReportTarget } from '#app/domain/moderation/reports.server';
import { guestTokenCookieHeader, guestTokenFor } from './qa-guest-cookie.server';
import type { ReportPlace } from './report.server';
import { formatCode } from '#app/domain/dialogues/registration-code';
import {
  askSchema,
  documentationSchema,
  moderateQuestionSchema,
  voteSchema,
  cancelRegistrationSchema,
  checkInSchema,
  EVENT_LANGUAGES,
  eventFormSchema,
  eventStatusSchema,
  filtersFromQuery,
  guestRegisterSchema,
  monthSchema,
  registerSchema,
} from '#app/domain/dialogues/schemas';
import type { EventSummary } from '#app/domain/dialogues/types';
import { eventDateTimeFormat, formatEventRange, hasEnded, hasStarted, isRegistrationClosed, resolveLocalDateTime, utcToLocalDateTime } from '#app/domain/dialogues/time';
import { mapLink } from '#app/domain/dialogues/texts';
import { settings } from '#app/env.server';
import type { CalendarView, EventCardView, EventListView, EventPageView, EventScopeView } from '#app/components/dialogues/views';
import { clientFacts, currentActor, requireActor, requireId, townPage, type RouteArgs } from './guard.server';
import { attempt, formAction, parseSubmission, rejected } from './form.server';
import { readUploadFormData } from './upload.server';
import { languageOf, pageTitle, translator } from './page.server';

export interface EventScope extends EventScopeView {
  actor: MaybeActor;
  townSlug: string | null;
}

/** The town of a `/towns/<slug>/events…` URL (404 when there is none), or the network for `/network/events…`. */
export async function eventScope(args: RouteArgs): Promise<EventScope> {
  if (args.params.slug !== undefined) {
    const { actor, town } = await townPage(args);
    return { actor, townId: town.id, townName: town.name, townSlug: town.slug, base: `/towns/${town.slug}/events`, canManage: canManageEvents(actor, town.id) };
  }
  const actor = await currentActor(args);
  return { actor, townId: null, townName: null, townSlug: null, base: '/network/events', canManage: canManageEvents(actor, null) };
}

const publicScope = ({ actor: _actor, townSlug: _slug, ...scope }: EventScope): EventScopeView => scope;

function card(event: EventSummary, language: string): EventCardView {
  return {
    id: event.id,
    path: event.path,
    title: event.title,
    textLanguage: event.textLanguage,
    format: event.format,
    mode: event.mode,
    status: event.status,
    when: formatEventRange(event.startsAt, event.endsAt, language, event.timeZone),
    day: utcToLocalDateTime(event.startsAt, event.timeZone).date,
    venue: event.venueName ?? event.venueAddress,
    network: event.townId === null,
    townName: event.townName,
    capacity: event.capacity,
    confirmedCount: event.confirmedCount,
    waitingCount: event.waitingCount,
    accessibility: event.accessibility,
    languages: event.languages,
    interpretation: event.interpretation,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Lists, calendar, calendar files

export async function eventListLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const language = await languageOf(args.request, args.context);
  const filters = filtersFromQuery(new URL(args.request.url).searchParams);
  const events = await listEvents(scope.actor, { townId: scope.townId, language, filters });
  const view: EventListView = { scope: publicScope(scope), events: events.map((event) => card(event, language)), filters, languages: EVENT_LANGUAGES };
  const title = scope.townName ? await pageTitle(args, 'dialogues:list.pageTitle', { town: scope.townName }) : await pageTitle(args, 'dialogues:list.networkPageTitle');
  return { title, ...view };
}

function currentMonth(zone: string): string {
  return utcToLocalDateTime(new Date(), zone).date.slice(0, 7);
}

const shiftMonth = (month: string, by: number) => {
  const [year, index] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, index - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
};

export async function calendarLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const language = await languageOf(args.request, args.context);
  const search = new URL(args.request.url).searchParams;
  const facts = await eventTownFacts(scope.actor, { townId: scope.townId });
  const asked = monthSchema.safeParse(search.get('month'));
  const month = asked.success && Number(asked.data.slice(0, 4)) >= 2000 && Number(asked.data.slice(0, 4)) <= 2200 ? asked.data : currentMonth(facts.timeZone);
  const { events } = await listMonth(scope.actor, { townId: scope.townId, month, language, filters: filtersFromQuery(search) });
  const cards = events.map((event) => card(event, language));
  const [year, index] = month.split('-').map(Number);
  const first = new Date(Date.UTC(year, index - 1, 1));
  const days = new Date(Date.UTC(year, index, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: CalendarView['weeks'][number] = [...Array(lead).fill(null)];
  for (let day = 1; day <= days; day++) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    cells.push({ date, day, events: cards.filter((event) => event.day === date) });
  }
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
  const weekdayFormat = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, day) => weekdayFormat.format(new Date(Date.UTC(2024, 0, 1 + day))));
  const monthLabel = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', calendar: 'gregory', timeZone: 'UTC' }).format(first);
  const view: CalendarView = { scope: publicScope(scope), month, monthLabel, previous: shiftMonth(month, -1), next: shiftMonth(month, 1), weeks, weekdays };
  const title = await pageTitle(args, 'dialogues:calendar.pageTitle', { month: monthLabel, town: scope.townName ?? (await translator(args, 'dialogues'))('list.network') });
  return { title, ...view };
}

const icsHeaders = (filename: string, personal: boolean) => ({
  'Content-Type': 'text/calendar; charset=utf-8',
  'Content-Disposition': `attachment; filename="${filename}"`,
  'Cache-Control': personal ? 'private, no-store' : 'public, max-age=300',
});

export async function eventIcsLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const ics = await eventCalendar(scope.actor, { townId: scope.townId, eventId, language });
  return new Response(ics, { headers: icsHeaders(`event-${eventId}.ics`, !!scope.actor) });
}

export async function feedLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const language = await languageOf(args.request, args.context);
  const t = await translator(args, 'dialogues');
  const name = scope.townName ? t('calendar.feedName', { town: scope.townName }) : t('calendar.networkFeedName');
  const ics = await feedCalendar(scope.actor, { townId: scope.townId, language, name });
  return new Response(ics, { headers: icsHeaders(`${scope.townSlug ?? 'network'}-events.ics`, false) });
}

// ---------------------------------------------------------------------------------------------------------
// One event and registering for it

export async function eventPageLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const event = await getEvent(scope.actor, { townId: scope.townId, eventId, language });
  const t = await translator(args, 'dialogues');
  const registration = event.registration
    ? {
        status: event.registration.status,
        code: event.registration.code,
        formattedCode: formatCode(event.registration.code),
        waitingPosition: event.registration.waitingPosition,
        checkedIn: event.registration.checkedIn,
        qrSvg:
          event.registration.status === 'confirmed'
            ? await registrationQrSvg(registrationCheckInUrl(event.path, event.registration.code), { label: t('register.qrLabel', { code: formatCode(event.registration.code) }), className: 'qr-code' })
            : null,
      }
    : null;
  const full = event.capacity !== null && event.confirmedCount >= event.capacity;
  const state: EventPageView['state'] =
    event.status === 'draft' ? 'draft' : event.status === 'cancelled' ? 'cancelled' : hasEnded(event) ? 'ended' : isRegistrationClosed(event) ? 'closed' : full ? 'full' : 'open';
  const actor = scope.actor;
  const viewer: EventPageView['viewer'] = !actor ? 'guest' : !actor.emailVerified ? 'unverified' : event.townId !== null && !isMemberOf(actor, event.townId) ? 'outsider' : 'member';
  const notice = new URL(args.request.url).searchParams.get('notice');
  const started = event.status === 'published' && hasStarted(event);
  const documentation = started ? await getDocumentation(scope.actor, { townId: scope.townId, eventId }) : null;
  const view: EventPageView = {
    scope: publicScope(scope),
    event: {
      ...card(event, language),
      when: formatEventRange(event.startsAt, event.endsAt, language, event.timeZone, { withZoneName: true }),
      descriptionHtml: event.descriptionHtml,
      questions: event.questions,
      joinUrl: event.joinUrl,
      mapUrl: event.venueAddress ? mapLink(event.venueAddress) : null,
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      deadline: event.registrationDeadline ? eventDateTimeFormat(language, event.timeZone, 'range-with-zone').format(event.registrationDeadline) : null,
      guestsAllowed: event.guestsAllowed,
      checkedInCount: event.checkedInCount,
    },
    registration,
    state,
    viewer,
    notice: notice === 'registered' || notice === 'cancelled' || notice === 'guestSent' ? notice : null,
    documentation: documentation?.documentedAt
      ? { summaryHtml: documentation.summaryHtml, outcomesHtml: documentation.outcomesHtml, recordingUrl: documentation.recordingUrl, attended: documentation.attended, registered: documentation.registered, followUp: documentation.followUp, attachments: documentation.attachments }
      : null,
    canDocument: started && scope.canManage,
  };
  const title = await pageTitle(args, 'dialogues:event.pageTitle', { title: event.title, town: scope.townName ?? t('list.network') });
  return { title, ...view };
}

export async function eventPageAction(args: ActionFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const page = `${args.request.url.split('?')[0].replace(/^https?:\/\/[^/]+/, '')}`;
  const formData = await args.request.clone().formData().catch(() => null);
  const intent = formData?.get('intent');
  if (intent === 'register-guest') {
    return formAction(args.request, guestRegisterSchema, async (input) => {
      const { ip } = await clientFacts(args);
      await registerGuest(scope.actor, { townId: scope.townId, eventId, name: input.name, email: input.email, answers: input.answers, language, ip });
      return redirect(`${page}?notice=guestSent`);
    });
  }
  if (intent === 'cancel-registration') {
    return formAction(args.request, cancelRegistrationSchema, async () => {
      await cancelRegistration(await requireActor(args), { townId: scope.townId, eventId });
      return redirect(`${page}?notice=cancelled`);
    });
  }
  return formAction(
    args.request,
    registerSchema,
    async (input) => {
      await register(await requireActor(args), { townId: scope.townId, eventId, answers: input.answers, language });
      return redirect(`${page}?notice=registered`);
    },
    { defaults: { intent: 'register' } },
  );
}

// ---------------------------------------------------------------------------------------------------------
// The organiser's form

function requireManager(scope: EventScope) {
  if (!scope.actor) throw new DomainError('unauthenticated', 'common:errors.signInRequired');
  if (!scope.canManage) throw new DomainError('forbidden', 'dialogues:errors.notOrganiser');
}

export async function eventFormLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  requireManager(scope);
  const facts = await eventTownFacts(scope.actor, { townId: scope.townId });
  const eventId = args.params.eventId === undefined ? null : requireId(args.params.eventId);
  const values = eventId === null ? null : await getEventForEditing(scope.actor, { townId: scope.townId, eventId });
  const title =
    values === null
      ? await pageTitle(args, 'dialogues:form.newPageTitle', { town: scope.townName ?? (await translator(args, 'dialogues'))('list.network') })
      : await pageTitle(args, 'dialogues:form.editPageTitle', { title: values.title });
  // A start in the hour the clocks go back occurs twice: say which one was taken (the first, summer time).
  const ambiguous = values && resolveLocalDateTime({ date: values.startDate, time: values.startTime }, facts.timeZone).kind === 'ambiguous' ? { date: values.startDate, time: values.startTime } : null;
  return { title, scope: publicScope(scope), facts, eventId, values, ambiguous, saved: new URL(args.request.url).searchParams.has('saved') };
}

export async function eventFormAction(args: ActionFunctionArgs) {
  const scope = await eventScope(args);
  requireManager(scope);
  const eventId = args.params.eventId === undefined ? null : requireId(args.params.eventId);
  const formData = await args.request.clone().formData().catch(() => null);
  const intent = formData?.get('intent');
  if (eventId !== null && (intent === 'publish' || intent === 'cancel')) {
    const submission = await parseSubmission(args.request, eventStatusSchema);
    if (submission.status !== 'success') return rejected(submission, eventStatusSchema);
    return attempt(args.request, submission, eventStatusSchema, async () => {
      if (submission.value.intent === 'publish') await publishEvent(scope.actor, { townId: scope.townId, eventId });
      else await cancelEvent(scope.actor, { townId: scope.townId, eventId });
      return redirect(`${scope.base}/${eventId}`);
    });
  }
  return formAction(
    args.request,
    eventFormSchema,
    async (input) => {
      if (eventId === null) {
        const { id } = await createEvent(scope.actor, { townId: scope.townId, ...input });
        return redirect(`${scope.base}/${id}/edit?saved=1`);
      }
      await updateEvent(scope.actor, { townId: scope.townId, eventId, ...input });
      return redirect(`${scope.base}/${eventId}/edit?saved=1`);
    },
    { defaults: { intent: 'save' } },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Registrations list and check-in (organisers)

export async function registrationsLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  requireManager(scope);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const event = await getEvent(scope.actor, { townId: scope.townId, eventId, language });
  const [counts, rows] = await Promise.all([registrationCounts(scope.actor, { townId: scope.townId, eventId }), listRegistrations(scope.actor, { townId: scope.townId, eventId })]);
  const time = eventDateTimeFormat(language, event.timeZone, 'time-with-zone');
  return {
    title: await pageTitle(args, 'dialogues:registrations.pageTitle', { title: event.title }),
    scope: publicScope(scope),
    event: { id: event.id, title: event.title, path: event.path, textLanguage: event.textLanguage, questions: event.questions },
    counts,
    rows: rows.map((row) => ({ ...row, checkedInAt: row.checkedInAt ? time.format(row.checkedInAt) : null })),
  };
}

export async function checkInLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  requireManager(scope);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const event = await getEvent(scope.actor, { townId: scope.townId, eventId, language });
  const counts = await registrationCounts(scope.actor, { townId: scope.townId, eventId });
  const search = new URL(args.request.url).searchParams;
  return {
    title: await pageTitle(args, 'dialogues:checkIn.pageTitle', { title: event.title }),
    scope: publicScope(scope),
    event: { id: event.id, title: event.title, path: event.path, textLanguage: event.textLanguage, when: formatEventRange(event.startsAt, event.endsAt, language, event.timeZone) },
    counts,
    code: (search.get('code') ?? '').slice(0, 40),
    admitted: search.get('admitted') ? { name: (search.get('name') ?? '').slice(0, 120), code: formatCode((search.get('admitted') ?? '').slice(0, 20)) } : null,
  };
}

export async function checkInAction(args: ActionFunctionArgs) {
  const scope = await eventScope(args);
  requireManager(scope);
  const eventId = requireId(args.params.eventId);
  return formAction(args.request, checkInSchema, async (input) => {
    const result = await checkIn(scope.actor, { townId: scope.townId, eventId, code: input.code });
    return redirect(`${scope.base}/${eventId}/check-in?admitted=${result.code}&name=${encodeURIComponent(result.name)}`);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The page behind a registration mail's link (no sign-in)

const registrationTokenIntent = z.object({ intent: z.enum(['confirm', 'cancel', 'qa']) });

export async function registrationPageLoader(args: LoaderFunctionArgs) {
  const token = new URL(args.request.url).searchParams.get('token') ?? '';
  const language = await languageOf(args.request, args.context);
  const registration = await registrationByToken(null, { token, language });
  const guestQa = await guestQaAccess(null, { token });
  const t = await translator(args, 'dialogues');
  const event = registration.event;
  return {
    title: await pageTitle(args, 'dialogues:registration.pageTitle'),
    token,
    /** a guest whose registration lets them into the live Q&A */
    guestQa: !!guestQa,
    registration: {
      status: registration.status,
      formattedCode: formatCode(registration.code),
      waitingPosition: registration.waitingPosition,
      checkedIn: registration.checkedIn,
      qrSvg:
        registration.status === 'confirmed'
          ? await registrationQrSvg(registrationCheckInUrl(event.path, registration.code), { label: t('register.qrLabel', { code: formatCode(registration.code) }), className: 'qr-code' })
          : null,
    },
    event: {
      title: event.title,
      textLanguage: event.textLanguage,
      path: event.path,
      status: event.status,
      when: formatEventRange(event.startsAt, event.endsAt, language, event.timeZone, { withZoneName: true }),
      joinUrl: event.joinUrl,
      venue: [event.venueName, event.venueAddress].filter(Boolean).join(', ') || null,
    },
    notice: new URL(args.request.url).searchParams.get('notice'),
  };
}

export async function registrationPageAction(args: ActionFunctionArgs) {
  const token = new URL(args.request.url).searchParams.get('token') ?? '';
  const formData = await args.request.clone().formData().catch(() => null);
  const intent = formData?.get('intent') === 'confirm' ? 'confirm' : formData?.get('intent') === 'qa' ? 'qa' : 'cancel';
  const back = `/registration?token=${encodeURIComponent(token)}`;
  if (intent === 'qa') {
    return formAction(args.request, registrationTokenIntent, async () => {
      const access = await guestQaAccess(null, { token });
      if (!access) throw new DomainError('not_found', 'dialogues:errors.linkInvalid');
      return redirect(access.questionsPath, { headers: { 'Set-Cookie': await guestTokenCookieHeader(args.request, access.eventId, token, args.context.https) } });
    });
  }
  if (intent === 'confirm') {
    return formAction(args.request, registrationTokenIntent, async () => {
      await confirmGuest(null, { token });
      return redirect(`${back}&notice=confirmed`);
    });
  }
  return formAction(args.request, registrationTokenIntent, async () => {
    await cancelByToken(null, { token });
    return redirect(`${back}&notice=cancelled`);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Live Q&A and the big screen

export async function questionsLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const event = await getEvent(scope.actor, { townId: scope.townId, eventId, language });
  const guestToken = await guestTokenFor(args.request, eventId);
  const qa = await listQuestions(scope.actor, { townId: scope.townId, eventId, guestToken });
  return {
    title: await pageTitle(args, 'dialogues:qa.pageTitle', { title: event.title }),
    scope: publicScope(scope),
    event: { id: event.id, title: event.title, path: event.path, textLanguage: event.textLanguage },
    signedIn: !!scope.actor,
    guestsAllowed: event.guestsAllowed && scope.townId !== null,
    ...qa,
  };
}

export async function questionsAction(args: ActionFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const formData = await args.request.clone().formData().catch(() => null);
  const intent = formData?.get('intent');
  const back = `${scope.base}/${eventId}/questions`;
  const guestToken = await guestTokenFor(args.request, eventId);
  if (intent === 'vote') {
    return formAction(args.request, voteSchema, async (input) => {
      await toggleVote(scope.actor, { townId: scope.townId, eventId, questionId: input.questionId, guestToken });
      return redirect(back);
    });
  }
  if (intent === 'moderate') {
    return formAction(args.request, moderateQuestionSchema, async (input) => {
      await moderateQuestion(await requireActor(args), { townId: scope.townId, eventId, questionId: input.questionId, status: input.status });
      return redirect(back);
    });
  }
  return formAction(
    args.request,
    askSchema,
    async (input) => {
      const { status } = await askQuestion(scope.actor, { townId: scope.townId, eventId, body: input.body, anonymous: input.anonymous, guestToken });
      return redirect(`${back}?asked=${status}`);
    },
    { defaults: { intent: 'ask' } },
  );
}

/** Reporting a question at the event, or its asker, to the moderation team of its town. */
export async function questionReportPlace(args: RouteArgs): Promise<ReportPlace> {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const questionId = requireId(args.params.questionId);
  const guestToken = await guestTokenFor(args.request, eventId);
  const where = { townId: scope.townId, eventId, questionId, guestToken };
  const target = await questionReportTarget(scope.actor, where);
  return {
    actor: scope.actor,
    target,
    path: `${scope.base}/${eventId}/questions/${questionId}/report`,
    backPath: target.questionsPath ?? `${scope.base}/${eventId}/questions`,
    file: (input) => fileQuestionReport(scope.actor, { ...input, ...where }),
  };
}

export async function presentLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const event = await getEvent(scope.actor, { townId: scope.townId, eventId, language });
  return {
    title: await pageTitle(args, 'dialogues:qa.presentTitle', { title: event.title }),
    scope: publicScope(scope),
    event: { id: event.id, title: event.title, path: event.path, textLanguage: event.textLanguage },
    live: await liveQuestion(scope.actor, { townId: scope.townId, eventId }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Documentation after the event, and the attendee list (organisers)

export async function documentationLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  requireManager(scope);
  const eventId = requireId(args.params.eventId);
  const language = await languageOf(args.request, args.context);
  const event = await getEvent(scope.actor, { townId: scope.townId, eventId, language });
  const documentation = await getDocumentation(scope.actor, { townId: scope.townId, eventId });
  return {
    title: await pageTitle(args, 'dialogues:documentation.pageTitle', { title: event.title }),
    scope: publicScope(scope),
    event: { id: event.id, title: event.title, path: event.path, textLanguage: event.textLanguage },
    started: event.status === 'published' && hasStarted(event),
    values: {
      summaryDoc: documentation.summaryDoc,
      summaryText: documentation.summaryText,
      outcomesDoc: documentation.outcomesDoc,
      outcomesText: documentation.outcomesText,
      recordingUrl: documentation.recordingUrl ?? '',
      followUpThread: documentation.followUp?.path ?? '',
    },
    attachments: documentation.attachments,
    attended: documentation.attended,
    registered: documentation.registered,
    saved: new URL(args.request.url).searchParams.has('saved'),
  };
}

export async function documentationAction(args: ActionFunctionArgs) {
  const scope = await eventScope(args);
  requireManager(scope);
  const eventId = requireId(args.params.eventId);
  return formAction(
    args.request,
    documentationSchema,
    async (input) => {
      await documentEvent(scope.actor, { townId: scope.townId, eventId, ...input });
      return redirect(`${scope.base}/${eventId}/documentation?saved=1`);
    },
    { defaults: { intent: 'document' }, read: readUploadFormData },
  );
}

export async function attendeesCsvLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const csv = await attendeesCsv(scope.actor, { townId: scope.townId, eventId });
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="attendees-${eventId}.csv"`, 'Cache-Control': 'private, no-store' },
  });
}

/**
 * A documenting file. Always a download (never shown inline on our origin), its type as sniffed on upload,
 * sandboxed, and with a name that cannot break the header.
 */
export async function attachmentLoader(args: LoaderFunctionArgs) {
  const scope = await eventScope(args);
  const eventId = requireId(args.params.eventId);
  const attachmentId = requireId(args.params.attachmentId);
  const file = await getAttachment(scope.actor, { townId: scope.townId, eventId, attachmentId });
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.mediaType,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, max-age=300',
    },
  });
}

/** A town's next three events, for its overview page. */
export async function upcomingEventsTeaser(args: RouteArgs, input: { actor: MaybeActor; townId: number }) {
  const language = await languageOf(args.request, args.context);
  const events = (await listEvents(input.actor, { townId: input.townId, language, limit: 10, filters: {} })).filter((event) => event.status === 'published').slice(0, 3);
  return events.map((event) => ({ id: event.id, path: event.path, title: event.title, textLanguage: event.textLanguage, when: formatEventRange(event.startsAt, event.endsAt, language, event.timeZone) }));
}
