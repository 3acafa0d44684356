import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useFetcher, useLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Question } from '#app/domain/selfcheck/questionnaire';
import { textIn, type TextIn } from '#app/domain/selfcheck/texts';
import { answersSchema, COMMENT_MAX } from '#app/domain/selfcheck/schemas';
import { getMyQuestionnaire, saveMyAnswers, type StoredAnswer } from '#app/domain/selfcheck/answers.server';
import { formAction } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { requireId, requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { FormAlert, Notice } from '#app/components/ui/field';
import { useDateFormat } from '#app/components/use-date-format';
import selfcheckStyles from '#app/styles/selfcheck.css';

export const handle = { i18n: ['common', 'selfcheck'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: selfcheckStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args);
  const roundId = requireId(args.params.roundId);
  const mine = await getMyQuestionnaire(actor, { townId: town.id, roundId });
  const language = await languageOf(args.request, args.context);
  const { template } = mine;
  return {
    title: await pageTitle(args, 'selfcheck:answer.pageTitle', { round: mine.title }),
    slug: town.slug,
    roundId,
    roundTitle: mine.title,
    open: mine.status === 'open',
    lastSavedAt: mine.lastSavedAt,
    finishedAt: mine.finishedAt,
    answers: mine.answers,
    saved: new URL(args.request.url).searchParams.has('saved'),
    // The questionnaire in the reader's language (German where a text is not translated yet).
    language,
    questionnaire: {
      title: textIn(template.title, language),
      description: textIn(template.description, language),
      dimensions: template.dimensions.map((d) => ({
        key: d.key,
        title: textIn(d.title, language),
        description: textIn(d.description, language),
        questions: d.questions.map((q: Question) => ({
          key: q.key,
          text: textIn(q.text, language),
          guidance: textIn(q.guidance, language),
          allowsNotApplicable: q.allowsNotApplicable,
          allowsComment: q.allowsComment,
          points: q.scale.points.map((p) => ({ value: p.value, label: textIn(p.label, language) })),
        })),
      })),
    },
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args);
  const roundId = requireId(args.params.roundId);
  return formAction(args.request, answersSchema, async (input) => {
    const saved = await saveMyAnswers(actor, { townId: town.id, roundId, answers: input.answers, finish: input.intent === 'finish' });
    if (input.intent === 'autosave') return data({ formName: 'autosave', status: 'success' as const, savedAt: saved.savedAt.toISOString(), answered: saved.answered });
    if (input.intent === 'finish') return redirect(`/towns/${town.slug}/selfcheck?finished`);
    return redirect(`/towns/${town.slug}/selfcheck/rounds/${roundId}/answer?saved`);
  }, { defaults: { intent: 'autosave' } });
});

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export default function AnswerQuestionnaire() {
  const { t } = useTranslation(['selfcheck', 'common']);
  const { roundTitle, open, answers, questionnaire, lastSavedAt, finishedAt, saved, slug, language } = useLoaderData<typeof loader>();
  const saveReply = useFormReply('save');
  const finishReply = useFormReply('finish');
  const reply = saveReply ?? finishReply;
  const fetcher = useFetcher<{ savedAt?: string; status?: string }>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(lastSavedAt ? String(lastSavedAt) : null);
  const time = useDateFormat({ timeStyle: 'short' });
  const total = questionnaire.dimensions.reduce((n, d) => n + d.questions.length, 0);
  let number = 0;

  useEffect(() => {
    if (fetcher.state !== 'idle' || !fetcher.data) return;
    if (fetcher.data.savedAt) {
      setSavedAt(fetcher.data.savedAt);
      setState('saved');
    } else setState('failed');
  }, [fetcher.state, fetcher.data]);

  const save = () => {
    clearTimeout(timer.current);
    if (!formRef.current) return;
    const body = new FormData(formRef.current);
    body.set('intent', 'autosave');
    setState('saving');
    fetcher.submit(body, { method: 'post' });
  };
  /** Choices save at once; typing saves a moment after the last key (and when the field is left). */
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    if (!open) return;
    const target = event.target as HTMLElement;
    clearTimeout(timer.current);
    if (target instanceof HTMLTextAreaElement) timer.current = setTimeout(save, 1200);
    else save();
  };

  return (
    <div className="stack selfcheck-page">
      <p>
        <Link to={`/towns/${slug}/selfcheck`}>{t('round.back')}</Link>
      </p>
      <h2>
        <bdi>{roundTitle}</bdi>
      </h2>
      <p className="eyebrow">
        <InLanguage value={questionnaire.title} language={language} />
      </p>
      <p className="lead">
        <InLanguage value={questionnaire.description} language={language} />
      </p>
      {saved ? <Notice>{t('answer.savedNotice')}</Notice> : null}
      {!open ? <p className="alert">{t('answer.closed')}</p> : finishedAt ? <p className="alert">{t('answer.finishedHint')}</p> : null}
      <p className="meta">{t('answer.howTo', { total })}</p>
      <p className="meta">{t('answer.commentsPrivacy')}</p>
      <Form method="post" ref={formRef} className="stack" onChange={onChange} onBlur={(e) => e.target instanceof HTMLTextAreaElement && timer.current && save()}>
        <FormAlert errors={reply?.error?.[''] ?? Object.values(reply?.error ?? {}).flat().filter(Boolean) as string[]} />
        {questionnaire.dimensions.map((dimension) => (
          <section key={dimension.key} className="card selfcheck-dimension" aria-labelledby={`dimension-${dimension.key}`}>
            <h3 id={`dimension-${dimension.key}`}>
              <InLanguage value={dimension.title} language={language} />
            </h3>
            <p className="meta">
              <InLanguage value={dimension.description} language={language} />
            </p>
            {dimension.questions.map((question) => {
              number++;
              return <QuestionFields key={question.key} number={number} question={question} answer={answers[question.key]} disabled={!open} language={language} />;
            })}
          </section>
        ))}
        {open ? (
          <div className="selfcheck-save-bar">
            <p className="meta" role="status" aria-live="polite" data-testid="save-status">
              {state === 'saving'
                ? t('answer.saving')
                : state === 'failed'
                  ? t('answer.saveFailed')
                  : savedAt
                    ? t('answer.savedAt', { time: time(savedAt) })
                    : t('answer.notSavedYet')}
            </p>
            <button type="submit" name="intent" value="save" className="button">
              {t('answer.save')}
            </button>{' '}
            <button type="submit" name="intent" value="finish" className="button primary">
              {t('answer.finish')}
            </button>
          </div>
        ) : null}
      </Form>
    </div>
  );
}

interface QuestionView {
  key: string;
  text: TextIn;
  guidance: TextIn;
  allowsNotApplicable: boolean;
  allowsComment: boolean;
  points: { value: number; label: TextIn }[];
}

/** Text in the page's language as it is; German fallback marked as German (and left to right). */
function InLanguage({ value, language }: { value: TextIn; language: string }) {
  return value.lang === language ? <>{value.text}</> : <span lang={value.lang} dir="ltr">{value.text}</span>;
}

function QuestionFields({ number, question, answer, disabled, language }: { number: number; question: QuestionView; answer?: StoredAnswer; disabled: boolean; language: string }) {
  const { t } = useTranslation('selfcheck');
  const name = `answers.${question.key}`;
  const current = answer?.value === 'not_applicable' ? 'na' : answer?.value == null ? '' : String(answer.value);
  const guidanceId = `guidance-${question.key}`;
  return (
    <fieldset className="selfcheck-question" aria-describedby={guidanceId} data-testid={`question-${question.key}`}>
      <legend>
        <span className="selfcheck-question-number">{t('answer.questionNumber', { number })}</span> <InLanguage value={question.text} language={language} />
      </legend>
      <p className="hint" id={guidanceId}>
        <InLanguage value={question.guidance} language={language} />
      </p>
      <div className="selfcheck-scale">
        {question.points.map((point) => (
          <label key={point.value} className="checkbox-label">
            <input type="radio" name={`${name}.value`} value={point.value} defaultChecked={current === String(point.value)} disabled={disabled} /> <InLanguage value={point.label} language={language} />
          </label>
        ))}
        {question.allowsNotApplicable ? (
          <label className="checkbox-label selfcheck-not-applicable">
            <input type="radio" name={`${name}.value`} value="na" defaultChecked={current === 'na'} disabled={disabled} /> <span>{t('answer.notApplicable')}</span>
          </label>
        ) : null}
      </div>
      {question.allowsComment ? (
        <div className="field">
          <label htmlFor={`comment-${question.key}`}>{t('answer.comment')}</label>
          <textarea id={`comment-${question.key}`} name={`${name}.comment`} rows={2} maxLength={COMMENT_MAX} defaultValue={answer?.comment ?? ''} disabled={disabled} />
        </div>
      ) : null}
    </fieldset>
  );
}
