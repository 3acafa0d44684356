/**
 * The pages of dialogue events, shared by a town's events (`/towns/<slug>/events`) and the network's
 * (`/network/events`). Every form is a plain `<Form method="post">` (or GET for filters) that works without
 * JavaScript; errors are shown next to their fields.
 */
import { useMemo, useRef } from 'react';
import { Form, Link, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { useEditorLabels } from '#app/editor/use-editor-labels';
import type { TFunction } from 'i18next';
import { ACCESSIBILITY_FEATURES, EVENT_FORMATS, EVENT_LANGUAGES, EVENT_MODES, INTERPRETATIONS, documentationSchema, eventFormSchema, guestRegisterSchema } from '#app/domain/dialogues/schemas';
import type { EventFormValues } from '#app/domain/dialogues/types';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';
import { RichTextEditor, useHydrated } from '#app/editor/rich-text-editor';
import type { RichTextDoc } from '#app/editor/validate';
import { useAppForm, useFormReply } from '#app/web/form';
import { CheckboxField, ChoiceGroup, errorText, Field, FieldError, FormAlert, Notice, SelectField, TextAreaField } from '#app/components/ui/field';
import type { CalendarView, EventCardView, EventListView, EventPageView, EventScopeView } from './views';

const languageName = (code: string) => LANGUAGE_NAMES[code as Language] ?? code;
const interpretationName = (t: TFunction, code: string) => (code === 'dgs' ? t('dialogues:interpretation.dgs') : languageName(code));

export function EventBadges({ event }: { event: Pick<EventCardView, 'format' | 'mode' | 'status' | 'network'> }) {
  const { t } = useTranslation('dialogues');
  return (
    <p className="badges">
      <span className="badge">{t(`formats.${event.format}`)}</span>
      <span className="badge">{t(`modes.${event.mode}`)}</span>
      {event.network ? <span className="badge badge-network">{t('list.network')}</span> : null}
      {event.status !== 'published' ? <span className={`badge badge-${event.status}`}>{t(`status.${event.status}`)}</span> : null}
    </p>
  );
}

function Seats({ event }: { event: EventCardView }) {
  const { t } = useTranslation('dialogues');
  if (event.capacity === null) return <p className="meta">{t('list.openSeats')}</p>;
  if (event.confirmedCount >= event.capacity) return <p className="meta">{t('list.full')}</p>;
  return <p className="meta">{t('list.seats', { taken: event.confirmedCount, capacity: event.capacity })}</p>;
}

function EventCard({ event }: { event: EventCardView }) {
  return (
    <li className="card event-card">
      <h3>
        <Link to={event.path} lang={event.textLanguage} dir="auto">
          {event.title}
        </Link>
      </h3>
      <p className="event-when">{event.when}</p>
      {event.venue ? (
        <p className="meta">
          <bdi>{event.venue}</bdi>
        </p>
      ) : null}
      <EventBadges event={event} />
      {event.status === 'published' ? <Seats event={event} /> : null}
    </li>
  );
}

function ScopeLinks({ scope, calendar, past }: { scope: EventScopeView; calendar?: boolean; past?: boolean }) {
  const { t } = useTranslation('dialogues');
  return (
    <ul className="inline-links">
      <li>{calendar ? <Link to={scope.base}>{t('calendar.listLink')}</Link> : <Link to={`${scope.base}/calendar`}>{t('list.calendarLink')}</Link>}</li>
      {calendar ? null : <li>{past ? <Link to={scope.base}>{t('list.upcomingLink')}</Link> : <Link to={`${scope.base}?when=past`}>{t('list.pastLink')}</Link>}</li>}
      <li>
        <a href={`${scope.base}.ics`}>{t('list.feedLink')}</a>
      </li>
      {scope.canManage ? (
        <li>
          <Link to={`${scope.base}/new`} className="button primary small">
            {t('list.newEvent')}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

export function EventListPage({ view }: { view: EventListView }) {
  const { t } = useTranslation(['dialogues', 'common']);
  const { scope, events, filters } = view;
  return (
    <div className="stack">
      <h2>{scope.townName ? t('list.title') : t('list.networkTitle')}</h2>
      <p>{scope.townName ? t('list.intro', { town: scope.townName }) : t('list.networkIntro')}</p>
      <ScopeLinks scope={scope} past={filters.when === 'past'} />
      {filters.when === 'past' ? <h3>{t('list.pastTitle')}</h3> : null}
      <Form method="get" className="card event-filters" aria-label={t('list.filters')}>
        {filters.when ? <input type="hidden" name="when" value={filters.when} /> : null}
        <div className="field">
          <label htmlFor="filter-format">{t('list.formatLabel')}</label>
          <select id="filter-format" name="format" defaultValue={filters.format ?? ''}>
            <option value="">{t('list.anyFormat')}</option>
            {EVENT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`formats.${format}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-language">{t('list.languageLabel')}</label>
          <select id="filter-language" name="language" defaultValue={filters.language ?? ''}>
            <option value="">{t('list.anyLanguage')}</option>
            {view.languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {languageName(language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-online">{t('list.modeLabel')}</label>
          <select id="filter-online" name="online" defaultValue={filters.online ?? ''}>
            <option value="">{t('list.anyMode')}</option>
            <option value="online">{t('list.onlineOption')}</option>
            <option value="in_person">{t('list.inPersonOption')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-accessibility">{t('list.accessibilityLabel')}</label>
          <select id="filter-accessibility" name="accessibility" defaultValue={filters.accessibility ?? ''}>
            <option value="">{t('list.anyAccessibility')}</option>
            {ACCESSIBILITY_FEATURES.map((feature) => (
              <option key={feature} value={feature}>
                {t(`accessibility.${feature}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('list.filter')}
        </button>
      </Form>
      {events.length ? (
        <ul className="event-list" data-testid="event-list">
          {events.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </ul>
      ) : (
        <p>{t('list.empty')}</p>
      )}
    </div>
  );
}

export function CalendarPage({ view }: { view: CalendarView }) {
  const { t } = useTranslation('dialogues');
  const { scope } = view;
  const empty = view.weeks.every((week) => week.every((day) => !day?.events.length));
  return (
    <div className="stack">
      <h2>{t('calendar.title', { month: view.monthLabel })}</h2>
      <ScopeLinks scope={scope} calendar />
      <nav className="calendar-nav" aria-label={t('calendar.title', { month: view.monthLabel })}>
        <Link to={`${scope.base}/calendar?month=${view.previous}`} rel="prev">
          {t('calendar.previous')}
        </Link>
        <Link to={`${scope.base}/calendar?month=${view.next}`} rel="next">
          {t('calendar.next')}
        </Link>
      </nav>
      {empty ? <p>{t('calendar.noEvents')}</p> : null}
      <table className="month-calendar">
        <caption>{view.monthLabel}</caption>
        <thead>
          <tr>
            {view.weekdays.map((weekday) => (
              <th key={weekday} scope="col">
                {weekday}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.weeks.map((week, index) => (
            <tr key={index}>
              {week.map((day, column) =>
                day ? (
                  <td key={day.date} className={day.events.length ? 'has-events' : undefined}>
                    <span className="calendar-day">{day.day}</span>
                    {day.events.length ? (
                      <ul>
                        {day.events.map((event) => (
                          <li key={event.id}>
                            <Link to={event.path} lang={event.textLanguage} dir="auto">
                              {event.title}
                            </Link>
                            {event.status === 'cancelled' ? <span className="badge badge-cancelled">{t('status.cancelled')}</span> : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                ) : (
                  <td key={`empty-${column}`} className="calendar-outside" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Facts({ view }: { view: EventPageView }) {
  const { t } = useTranslation('dialogues');
  const { event } = view;
  const seatsLeft = event.capacity === null ? null : Math.max(0, event.capacity - event.confirmedCount);
  return (
    <dl className="event-facts card">
      <dt>{t('event.when')}</dt>
      <dd>{event.when}</dd>
      {event.venueAddress ? (
        <>
          <dt>{t('event.where')}</dt>
          <dd>
            {event.venueName ? (
              <>
                <bdi>{event.venueName}</bdi>
                <br />
              </>
            ) : null}
            <bdi>{event.venueAddress}</bdi>
            <br />
            <a href={event.mapUrl!} rel="noopener noreferrer">
              {t('event.map')}
            </a>
          </dd>
        </>
      ) : null}
      {event.mode !== 'in_person' ? (
        <>
          <dt>{t('event.online')}</dt>
          <dd>
            {event.joinUrl ? (
              <a href={event.joinUrl} rel="noopener noreferrer" data-testid="join-link">
                {t('event.joinLink')}
              </a>
            ) : (
              t('event.joinLinkHidden')
            )}
          </dd>
        </>
      ) : null}
      {event.languages.length ? (
        <>
          <dt>{t('event.languages')}</dt>
          <dd>
            {event.languages.map((language, index) => (
              <span key={language} lang={language}>
                {index ? ', ' : ''}
                {languageName(language)}
              </span>
            ))}
          </dd>
        </>
      ) : null}
      {event.interpretation.length ? (
        <>
          <dt>{t('event.interpretation')}</dt>
          <dd>{event.interpretation.map((code) => interpretationName(t, code)).join(', ')}</dd>
        </>
      ) : null}
      <dt>{t('event.accessibility')}</dt>
      <dd>{event.accessibility.length ? event.accessibility.map((feature) => t(`accessibility.${feature}`)).join(', ') : t('event.noAccessibility')}</dd>
      <dt>{t('event.capacity')}</dt>
      <dd data-testid="seats">{seatsLeft === null ? t('event.noLimit') : t('event.seatsLeft', { count: seatsLeft, capacity: event.capacity })}</dd>
      {event.deadline ? (
        <>
          <dt>{t('event.deadline')}</dt>
          <dd>{event.deadline}</dd>
        </>
      ) : null}
    </dl>
  );
}

function Questions({ questions, prefix }: { questions: string[]; prefix: string }) {
  const { t } = useTranslation('dialogues');
  if (!questions.length) return null;
  return (
    <fieldset>
      <legend>{t('form.questions')}</legend>
      <p className="hint" id={`${prefix}-questions-hint`}>
        {t('register.questionsHint')}
      </p>
      {questions.map((question, index) => (
        <div className="field" key={index}>
          <label htmlFor={`${prefix}-answer-${index}`} dir="auto">
            {question}
          </label>
          <textarea id={`${prefix}-answer-${index}`} name={`answers.${index}`} rows={2} maxLength={1000} aria-describedby={`${prefix}-questions-hint`} />
        </div>
      ))}
    </fieldset>
  );
}

function GuestForm({ view }: { view: EventPageView }) {
  const { t } = useTranslation('dialogues');
  const [form, fields] = useAppForm(guestRegisterSchema, { formName: 'register-guest', id: 'guest-register' });
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="guest-title">
      <h3 id="guest-title">{t('register.guestTitle')}</h3>
      <p className="hint">{t('register.guestHint')}</p>
      <FormAlert errors={form.errors} />
      <input type="hidden" name="intent" value="register-guest" />
      <Field field={fields.name} label={t('register.guestName')} autoComplete="name" />
      <Field field={fields.email} type="email" label={t('register.guestEmail')} autoComplete="email" />
      <Questions questions={view.event.questions} prefix="guest" />
      <button type="submit" className="button">
        {t('register.guestSubmit')}
      </button>
    </Form>
  );
}

function RegistrationBox({ view }: { view: EventPageView }) {
  const { t } = useTranslation(['dialogues', 'common']);
  const reply = useFormReply('register') ?? useFormReply('cancel-registration');
  const { registration, state, viewer, event } = view;
  const busy = useNavigation().state === 'submitting';
  let body: React.ReactNode;
  if (registration) {
    body = (
      <div className="stack" data-testid="my-registration">
        {registration.status === 'confirmed' ? (
          <>
            <p className="registration-status">{registration.checkedIn ? t('register.checkedIn') : t('register.confirmed')}</p>
            <p>
              {t('register.yourCode')}: <strong className="registration-code">{registration.formattedCode}</strong>
            </p>
            <p className="hint">{t('register.codeHint')}</p>
            {registration.qrSvg ? <div dangerouslySetInnerHTML={{ __html: registration.qrSvg }} /> : null}
          </>
        ) : registration.status === 'waiting' ? (
          <p className="registration-status">{t('register.waiting', { position: registration.waitingPosition })}</p>
        ) : (
          <p className="registration-status">{t('register.pending')}</p>
        )}
        {state !== 'ended' && state !== 'cancelled' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel-registration" />
            <button type="submit" className="button danger" disabled={busy}>
              {registration.status === 'waiting' ? t('register.leaveWaiting') : t('register.cancel')}
            </button>
          </Form>
        ) : null}
      </div>
    );
  } else if (state === 'cancelled') body = <p>{t('event.cancelledNotice')}</p>;
  else if (state === 'ended') body = <p>{t('register.ended')}</p>;
  else if (state === 'closed') body = <p>{t('register.closed')}</p>;
  else if (state === 'draft') body = <p>{t('status.draft')}</p>;
  else if (viewer === 'guest') {
    body = (
      <div className="stack">
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(event.path)}`} className="button primary">
            {t('register.signInToRegister')}
          </Link>
        </p>
        {event.guestsAllowed ? <GuestForm view={view} /> : null}
      </div>
    );
  } else if (viewer === 'unverified') body = <p>{t('register.verifyFirst')}</p>;
  else if (viewer === 'outsider') {
    body = (
      <p>
        <Link to={event.path.replace(/\/events\/\d+$/, '')}>{t('register.joinTownFirst', { town: view.scope.townName })}</Link>
      </p>
    );
  } else {
    body = (
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="register" />
        {state === 'full' ? <p>{t('register.full')}</p> : null}
        <Questions questions={event.questions} prefix="member" />
        <button type="submit" className="button primary" disabled={busy}>
          {state === 'full' ? t('register.submitWaiting') : t('register.submit')}
        </button>
      </Form>
    );
  }
  return (
    <section className="card stack" aria-labelledby="registration-title">
      <h2 id="registration-title">{t('register.title')}</h2>
      {view.notice === 'registered' ? <Notice>{t('register.registeredNotice')}</Notice> : null}
      {view.notice === 'cancelled' ? <Notice>{t('register.cancelledNotice')}</Notice> : null}
      {view.notice === 'guestSent' ? <Notice>{t('register.guestSent')}</Notice> : null}
      <FormAlert errors={reply?.error?.[''] ?? undefined} />
      {body}
    </section>
  );
}

function Documentation({ documentation, path }: { documentation: NonNullable<EventPageView['documentation']>; path: string }) {
  const { t } = useTranslation('dialogues');
  return (
    <section className="card stack" aria-labelledby="documentation-title" data-testid="documentation">
      <h2 id="documentation-title">{t('documentation.title')}</h2>
      <p>{t('documentation.attendance', { attended: documentation.attended, registered: documentation.registered })}</p>
      {documentation.summaryHtml ? (
        <>
          <h3>{t('documentation.summary')}</h3>
          <div className="post-body" dir="auto" dangerouslySetInnerHTML={{ __html: documentation.summaryHtml }} />
        </>
      ) : null}
      {documentation.outcomesHtml ? (
        <>
          <h3>{t('documentation.outcomes')}</h3>
          <div className="post-body" dir="auto" dangerouslySetInnerHTML={{ __html: documentation.outcomesHtml }} />
        </>
      ) : null}
      {documentation.recordingUrl ? (
        <p>
          <a href={documentation.recordingUrl} rel="noopener noreferrer">
            {t('documentation.recording')}
          </a>
        </p>
      ) : null}
      {documentation.attachments.length ? (
        <>
          <h3>{t('documentation.attachments')}</h3>
          <ul>
            {documentation.attachments.map((file) => (
              <li key={file.id}>
                <a href={`${path}/attachments/${file.id}`} download>
                  <bdi>{file.name}</bdi>
                </a>{' '}
                <span className="meta">({t('documentation.size', { size: Math.max(1, Math.round(file.size / 1024)) })})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {documentation.followUp ? (
        <p>
          {t('documentation.followUp')}{' '}
          <Link to={documentation.followUp.path} dir="auto">
            {documentation.followUp.title}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function EventPage({ view, liveCounts }: { view: EventPageView; liveCounts?: React.ReactNode }) {
  const { t } = useTranslation('dialogues');
  const { event, scope } = view;
  return (
    <article className="stack event-page">
      <header className="stack">
        {event.network ? <p className="eyebrow">{t('event.network')}</p> : null}
        <h2 lang={event.textLanguage} dir="auto">
          {event.title}
        </h2>
        <EventBadges event={event} />
        {event.status === 'cancelled' ? (
          <div className="alert alert-error" role="status">
            {t('event.cancelledNotice')}
          </div>
        ) : null}
      </header>
      {scope.canManage ? (
        <section className="card stack" aria-labelledby="organiser-tools">
          <h2 id="organiser-tools">{t('event.organisers')}</h2>
          {liveCounts}
          <ul className="inline-links">
            <li>
              <Link to={`${event.path}/edit`}>{t('event.edit')}</Link>
            </li>
            <li>
              <Link to={`${event.path}/registrations`}>{t('event.registrations')}</Link>
            </li>
            <li>
              <Link to={`${event.path}/check-in`}>{t('event.checkIn')}</Link>
            </li>
            <li>
              <a href={`${event.path}/attendees.csv`}>{t('event.attendeesCsv')}</a>
            </li>
            {view.canDocument ? (
              <li>
                <Link to={`${event.path}/documentation`}>{t('event.document')}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <Facts view={view} />
      <section aria-labelledby="description-title" className="stack">
        <h2 id="description-title">{t('event.description')}</h2>
        <div className="post-body" lang={event.textLanguage} dir="auto" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
      </section>
      <ul className="inline-links">
        <li>
          <a href={`${event.path}/calendar.ics`}>{t('event.calendarFile')}</a>
        </li>
        {event.status === 'published' ? (
          <li>
            <Link to={`${event.path}/questions`}>{t('event.questions')}</Link>
          </li>
        ) : null}
      </ul>
      {view.documentation ? <Documentation documentation={view.documentation} path={event.path} /> : null}
      <RegistrationBox view={view} />
    </article>
  );
}

// ---------------------------------------------------------------------------------------------------------
// The organiser's form

export function RichTextField({
  errors,
  initial,
  label,
  hint,
  name = 'description',
  textName = 'descriptionText',
  id = 'event-description',
}: {
  errors?: string[];
  initial?: { doc: unknown; text: string };
  label: string;
  hint: string;
  /** The editor's JSON field, and the plain textarea's (without JavaScript). */
  name?: string;
  textName?: string;
  id?: string;
}) {
  const { t } = useTranslation(['editor', 'dialogues']);
  const hydrated = useHydrated();
  const textarea = useRef<HTMLTextAreaElement>(null);
  // What was typed into the plain field before the editor took over, and whether the writer is still in it.
  const carried = useMemo(() => (hydrated && textarea.current ? { text: textarea.current.value, focused: document.activeElement === textarea.current } : null), [hydrated]);
  const labels = useEditorLabels();
  const errorId = errors?.length ? `${id}-error` : undefined;
  const initialDoc = initial?.doc && !carried?.text ? (initial.doc as RichTextDoc) : undefined;
  return (
    <div className={`field${errorId ? ' has-error' : ''}`}>
      {hydrated ? (
        <RichTextEditor
          name={name}
          label={label}
          labels={labels}
          initialContent={carried?.text ? { type: 'doc', content: carried.text.split(/\n\s*\n/).map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })) } : initialDoc}
          autoFocus={carried?.focused}
          describedBy={errorId}
          invalid={!!errorId}
        />
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
          <textarea
            ref={textarea}
            id={id}
            name={textName}
            rows={8}
            defaultValue={initial?.text}
            aria-describedby={[errorId, `${id}-hint`].filter(Boolean).join(' ')}
            aria-invalid={errorId ? true : undefined}
          />
        </>
      )}
      {errorId ? (
        <p className="field-error" id={errorId}>
          {errorText(t, errors![0])}
        </p>
      ) : null}
    </div>
  );
}

export interface EventFormPageProps {
  scope: EventScopeView;
  facts: { timeZone: string; defaultLanguage: string; languages: string[] };
  eventId: number | null;
  values: (EventFormValues & { status: string }) | null;
  /** The stored start occurs twice (the night the clocks go back). */
  ambiguous: { date: string; time: string } | null;
  saved: boolean;
}

export function EventFormPage({ scope, facts, eventId, values, ambiguous, saved }: EventFormPageProps) {
  const { t } = useTranslation(['dialogues', 'common']);
  const [form, fields] = useAppForm(eventFormSchema, {
    formName: 'save',
    id: 'event-form',
    defaultValue: values
      ? ({
          ...values,
          descriptionText: values.descriptionText,
          capacity: values.capacity || undefined,
          guestsAllowed: values.guestsAllowed ? 'on' : undefined,
          translations: values.translations,
        } as never)
      : ({ format: 'citizen_dialogue', mode: 'in_person', languages: [facts.defaultLanguage] } as never),
  });
  const statusReply = useFormReply('publish') ?? useFormReply('cancel');
  const otherLanguages = facts.languages.filter((language) => language !== facts.defaultLanguage);
  const allErrors = (form.allErrors ?? {}) as Record<string, string[]>;
  const descriptionErrors = fields.description.errors ?? fields.descriptionText.errors;
  const formats = EVENT_FORMATS.filter((format) => format !== 'network_review' || scope.townId === null);
  return (
    <div className="stack narrow">
      <h2>{eventId === null ? t('form.newTitle') : t('form.editTitle')}</h2>
      {saved ? <Notice>{t('form.saved')}</Notice> : null}
      {eventId !== null ? (
        <p>
          <Link to={`${scope.base}/${eventId}`}>{t('form.back')}</Link>
        </p>
      ) : null}
      {values?.status === 'draft' || eventId === null ? <p className="hint">{t('form.draftHint')}</p> : null}
      {values?.status === 'cancelled' ? <div className="alert alert-error">{t('errors.cancelled')}</div> : null}
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        <fieldset className="stack">
          <legend>{t('form.basics')}</legend>
          <SelectField field={fields.format} label={t('form.format')} options={formats.map((format) => ({ value: format, label: t(`formats.${format}`) }))} />
          <ChoiceGroup field={fields.mode} legend={t('form.mode')} options={EVENT_MODES.map((mode) => ({ value: mode, label: t(`modes.${mode}`) }))} />
          <Field field={fields.title} label={t('form.title')} maxLength={200} />
          <RichTextField
            errors={descriptionErrors}
            initial={values ? { doc: values.descriptionDoc, text: values.descriptionText } : undefined}
            label={t('form.description')}
            hint={t('form.descriptionHint')}
          />
        </fieldset>
        {otherLanguages.length ? (
          <fieldset className="stack">
            <legend>{t('form.translationsLegend')}</legend>
            <p className="hint">{t('form.translationsHint', { language: languageName(facts.defaultLanguage) })}</p>
            {otherLanguages.map((language) => {
              const titleName = `translations.${language}.title`;
              const textName = `translations.${language}.descriptionText`;
              const titleError = allErrors[titleName];
              const textError = allErrors[textName];
              return (
                <div key={language} className="stack translation" lang={language}>
                  <div className={`field${titleError ? ' has-error' : ''}`}>
                    <label htmlFor={`tr-${language}-title`} lang={undefined}>
                      {t('form.translationTitle', { language: languageName(language) })}
                    </label>
                    <input
                      id={`tr-${language}-title`}
                      name={titleName}
                      dir="auto"
                      maxLength={200}
                      defaultValue={values?.translations[language]?.title ?? ''}
                      aria-invalid={titleError ? true : undefined}
                      aria-describedby={titleError ? `tr-${language}-title-error` : undefined}
                    />
                    {titleError ? (
                      <p className="field-error" id={`tr-${language}-title-error`}>
                        {errorText(t, titleError[0])}
                      </p>
                    ) : null}
                  </div>
                  <div className={`field${textError ? ' has-error' : ''}`}>
                    <label htmlFor={`tr-${language}-text`}>{t('form.translationDescription', { language: languageName(language) })}</label>
                    <textarea
                      id={`tr-${language}-text`}
                      name={textName}
                      dir="auto"
                      rows={4}
                      defaultValue={values?.translations[language]?.descriptionText ?? ''}
                      aria-invalid={textError ? true : undefined}
                      aria-describedby={textError ? `tr-${language}-text-error` : undefined}
                    />
                    {textError ? (
                      <p className="field-error" id={`tr-${language}-text-error`}>
                        {errorText(t, textError[0])}
                      </p>
                    ) : null}
                  </div>
                </div>
              );
            })}
          </fieldset>
        ) : null}
        <fieldset className="stack">
          <legend>{t('form.timeLegend', { zone: facts.timeZone })}</legend>
          {ambiguous ? <p className="hint" data-testid="ambiguous-time">{t('form.ambiguousTime', ambiguous)}</p> : null}
          <div className="field-row">
            <Field field={fields.startDate} type="date" label={t('form.startDate')} />
            <Field field={fields.startTime} type="time" label={t('form.startTime')} />
          </div>
          <div className="field-row">
            <Field field={fields.endDate} type="date" label={t('form.endDate')} />
            <Field field={fields.endTime} type="time" label={t('form.endTime')} />
          </div>
        </fieldset>
        <fieldset className="stack">
          <legend>{t('form.placeLegend')}</legend>
          <Field field={fields.venueName} label={t('form.venueName')} maxLength={200} />
          <Field field={fields.venueAddress} label={t('form.venueAddress')} hint={t('form.venueAddressHint')} maxLength={500} />
          <Field field={fields.joinUrl} type="url" label={t('form.joinUrl')} hint={t('form.joinUrlHint')} maxLength={500} />
        </fieldset>
        <ChoiceGroup
          field={fields.languages}
          type="checkbox"
          legend={t('form.languages')}
          className="choice-columns"
          options={EVENT_LANGUAGES.map((language) => ({ value: language, label: languageName(language), lang: language }))}
        />
        <ChoiceGroup
          field={fields.interpretation}
          type="checkbox"
          legend={t('form.interpretation')}
          className="choice-columns"
          options={INTERPRETATIONS.map((code) => ({ value: code, label: interpretationName(t, code), lang: code === 'dgs' ? undefined : code }))}
        />
        <ChoiceGroup
          field={fields.accessibility}
          type="checkbox"
          legend={t('form.accessibility')}
          options={ACCESSIBILITY_FEATURES.map((feature) => ({ value: feature, label: t(`accessibility.${feature}`) }))}
        />
        <fieldset className="stack">
          <legend>{t('form.registrationLegend')}</legend>
          <Field field={fields.capacity} type="number" min={1} max={100000} label={t('form.capacity')} hint={t('form.capacityHint')} />
          <div className="field-row">
            <Field field={fields.deadlineDate} type="date" label={t('form.deadlineDate')} />
            <Field field={fields.deadlineTime} type="time" label={t('form.deadlineTime')} />
          </div>
          <CheckboxField field={fields.guestsAllowed} label={t('form.guestsAllowed')} />
          <TextAreaField field={fields.questions} rows={4} label={t('form.questions')} hint={t('form.questionsHint')} />
        </fieldset>
        <button type="submit" className="button primary">
          {t('form.save')}
        </button>
      </Form>
      {eventId !== null && values?.status !== 'cancelled' ? (
        <section className="card stack" aria-labelledby="status-title">
          <h2 id="status-title">{t('event.organisers')}</h2>
          <FormAlert errors={statusReply?.error?.[''] ?? undefined} />
          {values?.status === 'draft' ? (
            <Form method="post" className="stack">
              <p className="hint">{t('form.publishHint')}</p>
              <button type="submit" name="intent" value="publish" className="button primary">
                {t('form.publish')}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="stack">
            <p className="hint">{t('form.cancelHint')}</p>
            <button type="submit" name="intent" value="cancel" className="button danger">
              {t('form.cancelEvent')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export interface DocumentationPageProps {
  scope: EventScopeView;
  event: { id: number; title: string; path: string; textLanguage: string };
  started: boolean;
  values: { summaryDoc: unknown; summaryText: string; outcomesDoc: unknown; outcomesText: string; recordingUrl: string; followUpThread: string };
  attachments: { id: number; name: string; mediaType: string; size: number }[];
  attended: number;
  registered: number;
  saved: boolean;
}

/** The organisers' form for the documentation after the event. */
export function DocumentationPage({ event, started, values, attended, registered, saved, attachments }: DocumentationPageProps) {
  const { t } = useTranslation(['dialogues', 'common']);
  const [form, fields] = useAppForm(documentationSchema, { formName: 'document', id: 'documentation', defaultValue: { recordingUrl: values.recordingUrl || undefined, followUpThread: values.followUpThread || undefined } });
  return (
    <div className="stack narrow">
      <p>
        <Link to={event.path} lang={event.textLanguage} dir="auto">
          {event.title}
        </Link>
      </p>
      <h2>{t('documentation.formTitle')}</h2>
      {saved ? <Notice>{t('form.saved')}</Notice> : null}
      <p>{t('documentation.attendance', { attended, registered })}</p>
      {started ? (
        <Form method="post" encType="multipart/form-data" className="card stack" {...getFormProps(form)}>
          <FormAlert errors={form.errors} />
          <input type="hidden" name="intent" value="document" />
          <RichTextField
            name="summary"
            textName="summaryText"
            id="documentation-summary"
            errors={fields.summary.errors ?? fields.summaryText.errors}
            initial={{ doc: values.summaryDoc, text: values.summaryText }}
            label={t('documentation.summary')}
            hint={t('documentation.summaryHint')}
          />
          <RichTextField
            name="outcomes"
            textName="outcomesText"
            id="documentation-outcomes"
            errors={fields.outcomes.errors ?? fields.outcomesText.errors}
            initial={{ doc: values.outcomesDoc, text: values.outcomesText }}
            label={t('documentation.outcomes')}
            hint={t('documentation.outcomesHint')}
          />
          <Field field={fields.recordingUrl} type="url" label={t('documentation.recordingUrl')} hint={t('documentation.recordingUrlHint')} maxLength={500} />
          <Field field={fields.followUpThread} label={t('documentation.followUpLabel')} hint={t('documentation.followUpHint')} maxLength={300} />
          {attachments.length ? (
            <fieldset>
              <legend>{t('documentation.removeLegend')}</legend>
              {attachments.map((file) => (
                <label key={file.id} className="checkbox-label">
                  <input type="checkbox" name="removeAttachments" value={file.id} /> <bdi>{file.name}</bdi>
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className={`field${fields.attachments.errors?.length ? ' has-error' : ''}`}>
            <label htmlFor="documentation-files">{t('documentation.addFiles')}</label>
            <p className="hint" id="documentation-files-hint">
              {t('documentation.addFilesHint')}
            </p>
            <input
              id="documentation-files"
              type="file"
              name="attachments"
              multiple
              accept=".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp"
              aria-describedby={fields.attachments.errors?.length ? 'documentation-files-hint documentation-files-error' : 'documentation-files-hint'}
              aria-invalid={fields.attachments.errors?.length ? true : undefined}
            />
            <FieldError id="documentation-files-error" errors={fields.attachments.errors} />
          </div>
          <button type="submit" className="button primary">
            {t('form.save')}
          </button>
        </Form>
      ) : (
        <p>{t('errors.notYetHeld')}</p>
      )}
    </div>
  );
}
