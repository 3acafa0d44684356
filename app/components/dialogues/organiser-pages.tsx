/** The organisers' pages of an event: the registrations list and check-in at the door, both with live counts. */
import { useCallback, useRef } from 'react';
import { Form, Link, useRevalidator, useSubmit } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CodeScanner, type CodeScannerLabels } from '#app/components/dialogues/code-scanner';
import { errorText, Notice } from '#app/components/ui/field';
import { useFormReply } from '#app/web/form';
import { useDialogueLive } from '#app/realtime/use-dialogue-live';
import type { EventScopeView } from './views';

interface Counts {
  confirmed: number;
  waiting: number;
  pending: number;
  checkedIn: number;
  capacity: number | null;
}

export interface RegistrationsView {
  scope: EventScopeView;
  event: { id: number; title: string; path: string; textLanguage: string; questions: string[] };
  counts: Counts;
  rows: { id: number; name: string; guest: boolean; status: string; waitingPosition: number | null; checkedInAt: string | null; answers: Record<string, string> | null }[];
}

function useLiveCounts(scope: EventScopeView, eventId: number) {
  const revalidator = useRevalidator();
  useDialogueLive({ eventId, townId: scope.townId }, { organiser: true, registered: false }, () => revalidator.revalidate());
}

export function RegistrationsPage({ view }: { view: RegistrationsView }) {
  const { t } = useTranslation('dialogues');
  const { event, counts, rows, scope } = view;
  useLiveCounts(scope, event.id);
  return (
    <div className="stack">
      <p>
        <Link to={event.path} lang={event.textLanguage} dir="auto">
          {event.title}
        </Link>
      </p>
      <h2>{t('registrations.title')}</h2>
      <p data-testid="live-counts" aria-live="polite">
        {t('event.liveCounts', { confirmed: counts.confirmed, waiting: counts.waiting, checkedIn: counts.checkedIn })}
      </p>
      {rows.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('registrations.name')}</th>
                <th scope="col">{t('registrations.status')}</th>
                <th scope="col">{t('registrations.checkedIn')}</th>
                {event.questions.length ? <th scope="col">{t('registrations.answers')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <bdi>{row.name}</bdi>
                    {row.guest ? ` (${t('registrations.guest')})` : null}
                  </td>
                  <td>{t(`registrations.statuses.${row.status}`, { position: row.waitingPosition })}</td>
                  <td>{row.checkedInAt ?? '–'}</td>
                  {event.questions.length ? (
                    <td>
                      {row.answers
                        ? event.questions.map((question, index) =>
                            row.answers?.[String(index)] ? (
                              <p key={index} dir="auto">
                                <strong>{question}</strong> {row.answers[String(index)]}
                              </p>
                            ) : null,
                          )
                        : '–'}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('registrations.empty')}</p>
      )}
    </div>
  );
}

export interface CheckInView {
  scope: EventScopeView;
  event: { id: number; title: string; path: string; textLanguage: string; when: string };
  counts: Counts;
  code: string;
  admitted: { name: string; code: string } | null;
}

export function CheckInPage({ view }: { view: CheckInView }) {
  const { t } = useTranslation('dialogues');
  const { event, counts, scope } = view;
  useLiveCounts(scope, event.id);
  const reply = useFormReply();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const onCode = useCallback((code: string) => submit({ code }, { method: 'post', replace: true }), [submit]);
  const codeError = reply?.error?.code?.[0];
  const labels: CodeScannerLabels = {
    startCamera: t('checkIn.startCamera'),
    pauseCamera: t('checkIn.pauseCamera'),
    codeRead: t('checkIn.codeRead'),
    notACode: t('checkIn.notACode'),
    cameraDenied: t('checkIn.cameraDenied'),
    cameraMissing: t('checkIn.cameraMissing'),
    cameraFailed: t('checkIn.cameraFailed'),
    codeField: t('checkIn.codeField'),
    codeHint: t('checkIn.codeHint'),
    codeMistyped: t('errors.codeMistyped'),
    submit: t('checkIn.submit'),
  };
  void form;
  void Form;
  return (
    <div className="stack narrow check-in">
      <p>
        <Link to={event.path} lang={event.textLanguage} dir="auto">
          {event.title}
        </Link>
        <br />
        <span className="meta">{event.when}</span>
      </p>
      <h2>{t('checkIn.title')}</h2>
      <p className="check-in-count" data-testid="checkin-count" aria-live="polite">
        {t('checkIn.count', { checkedIn: counts.checkedIn, confirmed: counts.confirmed })}
      </p>
      {view.admitted && !reply ? <Notice>{t('checkIn.admitted', { name: view.admitted.name, code: view.admitted.code })}</Notice> : null}
      <CodeScanner labels={labels} onCode={onCode} error={codeError ? errorText(t, codeError) : undefined} defaultValue={view.code} />
    </div>
  );
}
