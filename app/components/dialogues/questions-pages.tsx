/** The live Q&A of an event and its big-screen view; both re-read when the event's Q&A room says so. */
import { Form, Link, useRevalidator, useSearchParams } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { askSchema, type QuestionStatus } from '#app/domain/dialogues/schemas';
import type { QuestionView } from '#app/domain/dialogues/types';
import { useAppForm, useFormReply } from '#app/web/form';
import { CheckboxField, FormAlert, Notice, TextAreaField } from '#app/components/ui/field';
import { useQuestionsLive } from '#app/realtime/use-dialogue-live';
import type { EventScopeView } from './views';

interface EventRef {
  id: number;
  title: string;
  path: string;
  textLanguage: string;
}

export interface QuestionsPageView {
  scope: EventScopeView;
  event: EventRef;
  signedIn: boolean;
  /** a town's event that admits guests: a guest's registration link lets them ask */
  guestsAllowed: boolean;
  asGuest: boolean;
  questions: QuestionView[];
  canAsk: boolean;
  canModerate: boolean;
}

const MODERATION: Record<QuestionStatus, Exclude<QuestionStatus, 'held'>[]> = {
  open: ['live', 'answered', 'hidden'],
  live: ['answered', 'open', 'hidden'],
  answered: ['live', 'open', 'hidden'],
  hidden: ['open'],
  held: ['open', 'hidden'],
};

function useLive(scope: EventScopeView, eventId: number) {
  const revalidator = useRevalidator();
  useQuestionsLive({ eventId, townId: scope.townId }, () => revalidator.revalidate());
}

function Question({ question, view }: { question: QuestionView; view: QuestionsPageView }) {
  const { t } = useTranslation('dialogues');
  return (
    <li className={`card question question-${question.status}`} data-testid="question">
      <p className="question-body" dir="auto">
        {question.body}
      </p>
      <p className="meta">
        {question.authorName ? <bdi>{question.authorName}</bdi> : t('qa.anonymous')}
        {question.byGuest && question.authorName ? ` (${t('qa.guest')})` : null}
        {question.anonymous && question.authorName ? ` (${t('qa.anonymousToOthers')})` : null}
        {' · '}
        <span className={`badge question-status-${question.status}`}>{t(`qa.status.${question.status}`)}</span>
        {' · '}
        {t('qa.votes', { count: question.votes })}
      </p>
      <div className="inline-links">
        {view.canAsk && (question.status === 'open' || question.status === 'live') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="vote" />
            <input type="hidden" name="questionId" value={question.id} />
            <button type="submit" className="button small" aria-pressed={question.votedByMe}>
              {question.votedByMe ? t('qa.unvote') : t('qa.vote')}
            </button>
          </Form>
        ) : null}
        {view.canModerate
          ? MODERATION[question.status].map((status) => (
              <Form method="post" key={status}>
                <input type="hidden" name="intent" value="moderate" />
                <input type="hidden" name="questionId" value={question.id} />
                <button type="submit" name="status" value={status} className={`button small${status === 'hidden' ? ' danger' : ''}`}>
                  {t(`qa.mark.${status}`)}
                </button>
              </Form>
            ))
          : null}
        {question.reportable ? (
          <Link to={`${view.event.path}/questions/${question.id}/report`} className="button small">
            {t('qa.report')}
            <span className="visually-hidden"> – {question.body.length > 60 ? `${question.body.slice(0, 60)}…` : question.body}</span>
          </Link>
        ) : null}
      </div>
    </li>
  );
}

export function QuestionsPage({ view }: { view: QuestionsPageView }) {
  const { t } = useTranslation(['dialogues', 'common']);
  useLive(view.scope, view.event.id);
  const [search] = useSearchParams();
  const asked = search.get('asked');
  const [form, fields] = useAppForm(askSchema, { formName: 'ask', id: 'ask' });
  const otherReply = useFormReply('vote') ?? useFormReply('moderate');
  return (
    <div className="stack">
      <p>
        <Link to={view.event.path} lang={view.event.textLanguage} dir="auto">
          {view.event.title}
        </Link>
      </p>
      <h2>{t('qa.title')}</h2>
      <p className="inline-links">
        <Link to={`${view.event.path}/questions/present`}>{t('qa.presentLink')}</Link>
      </p>
      {asked === 'open' ? <Notice>{t('qa.asked')}</Notice> : null}
      {asked === 'held' ? <Notice>{t('qa.held')}</Notice> : null}
      <FormAlert errors={otherReply?.error?.[''] ?? undefined} />
      {view.asGuest ? <p>{t('qa.asGuest')}</p> : null}
      {view.canAsk ? (
        <Form method="post" className="card stack" {...getFormProps(form)}>
          <FormAlert errors={form.errors} />
          <input type="hidden" name="intent" value="ask" />
          <TextAreaField field={fields.body} rows={3} maxLength={500} label={t('qa.yourQuestion')} dir="auto" />
          <CheckboxField field={fields.anonymous} label={t('qa.anonymousLabel')} hint={t('qa.anonymousHint')} />
          <button type="submit" className="button primary">
            {t('qa.ask')}
          </button>
        </Form>
      ) : (
        <>
          <p>{view.signedIn ? t('qa.membersOnly') : <Link to={`/login?redirectTo=${encodeURIComponent(`${view.event.path}/questions`)}`}>{t('qa.signInToAsk')}</Link>}</p>
          {view.guestsAllowed ? <p className="hint">{t('qa.guestHint')}</p> : null}
        </>
      )}
      {view.questions.length ? (
        <ul className="question-list" aria-live="polite" data-testid="questions">
          {view.questions.map((question) => (
            <Question key={question.id} question={question} view={view} />
          ))}
        </ul>
      ) : (
        <p>{t('qa.empty')}</p>
      )}
    </div>
  );
}

export interface PresentView {
  scope: EventScopeView;
  event: EventRef;
  live: { body: string; authorName: string | null; votes: number } | null;
}

/** For a projector: the live question, large; nothing to click but the way back. */
export function PresentPage({ view }: { view: PresentView }) {
  const { t } = useTranslation('dialogues');
  useLive(view.scope, view.event.id);
  return (
    <div className="present stack">
      <p className="present-event" lang={view.event.textLanguage} dir="auto">
        {view.event.title}
      </p>
      <h2 className="visually-hidden">{t('qa.liveQuestion')}</h2>
      <div aria-live="polite" data-testid="live-question">
        {view.live ? (
          <figure className="present-question">
            <blockquote dir="auto">{view.live.body}</blockquote>
            <figcaption>
              {view.live.authorName ? <bdi>{view.live.authorName}</bdi> : t('qa.anonymous')} · {t('qa.votes', { count: view.live.votes })}
            </figcaption>
          </figure>
        ) : (
          <p className="present-waiting">{t('qa.noLive')}</p>
        )}
      </div>
      <p>
        <Link to={`${view.event.path}/questions`}>{t('qa.backToQuestions')}</Link>
      </p>
    </div>
  );
}
