import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DomainError } from '#app/domain/errors';
import { canManageSelfcheckNetwork } from '#app/domain/selfcheck/access';
import { localised, questionnaireTemplateSchema } from '#app/domain/selfcheck/questionnaire';
import { listCurrentTemplates, publishTemplateVersion } from '#app/domain/selfcheck/templates.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { encodeError, useFormReply } from '#app/web/form';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { errorText, Notice } from '#app/components/ui/field';
import selfcheckStyles from '#app/styles/selfcheck.css';

export const handle = { i18n: ['common', 'selfcheck', 'network'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: selfcheckStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const CONTENT_MAX = 500_000;
const editSchema = z.object({
  intent: z.literal('publish'),
  content: z.string({ required_error: 'selfcheck:errors.jsonInvalid' }).min(2, 'selfcheck:errors.jsonInvalid').max(CONTENT_MAX, 'selfcheck:errors.tooLong'),
});

async function requireTeam(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  if (!canManageSelfcheckNetwork(actor)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return actor;
}

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireTeam(args);
  const language = await languageOf(args.request, args.context);
  const url = new URL(args.request.url);
  return {
    title: await pageTitle(args, 'selfcheck:editor.pageTitle'),
    current: (await listCurrentTemplates(actor)).map((v) => ({
      id: v.id,
      title: localised(v.template.title, language),
      version: v.version,
      // What the next version starts from: the current one, without its number (publishing assigns the next).
      json: JSON.stringify({ ...v.template, version: undefined }, null, 2),
    })),
    published: url.searchParams.get('published')?.slice(0, 6) ?? null,
  };
});

/**
 * Publishes the posted JSON as the next version of its questionnaire. A questionnaire that does not validate
 * comes back with the first problem and where it is, the text kept as typed.
 */
export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireTeam(args);
  const submission = await parseSubmission(args.request, editSchema, { defaults: { intent: 'publish' } });
  if (submission.status !== 'success') return rejected(submission, editSchema);
  let content: unknown;
  try {
    content = JSON.parse(submission.value.content);
  } catch {
    return data({ ...submission.reply({ fieldErrors: { content: ['selfcheck:errors.jsonInvalid'] } }), formName: 'publish' }, { status: 400 });
  }
  const checked = questionnaireTemplateSchema.safeParse({ ...(content as object), version: 1 });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const problem = encodeError(issue.message.includes(':') ? issue.message : 'selfcheck:errors.templateInvalid', (issue as { params?: Record<string, string> }).params);
    const where = encodeError('selfcheck:errors.templatePath', { path: issue.path.join('.') || '–' });
    return data({ ...submission.reply({ fieldErrors: { content: [problem, where] } }), formName: 'publish' }, { status: 400 });
  }
  return attempt(args.request, submission, editSchema, async () => {
    const published = await publishTemplateVersion(actor, { content: checked.data });
    return redirect(`/network/selfcheck/questionnaires?published=${published.version}`);
  });
});

export default function QuestionnaireEditor() {
  const { t } = useTranslation(['selfcheck', 'common']);
  const { current, published } = useLoaderData<typeof loader>();
  const reply = useFormReply('publish');
  const errors = reply?.error?.content ?? reply?.error?.[''] ?? [];
  const kept = typeof reply?.initialValue?.content === 'string' ? reply.initialValue.content : null;
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page stack selfcheck-page">
      <p>
        <Link to="/network/selfcheck">{t('stock.title')}</Link>
      </p>
      <h1>{t('editor.title')}</h1>
      <p className="lead">{t('editor.lead')}</p>
      {published ? <Notice>{t('editor.published', { version: published })}</Notice> : null}
      {current.length === 0 ? <p>{t('stock.noQuestionnaire')}</p> : null}
      {current.map((version) => (
        <section key={version.id} className="card stack" aria-labelledby={`editor-${version.id}`}>
          <h2 id={`editor-${version.id}`}>{t('editor.current', { title: version.title, version: version.version })}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="publish" />
            <div className={`field${errors.length ? ' has-error' : ''}`}>
              <label htmlFor={`content-${version.id}`}>{t('editor.content')}</label>
              <p className="hint" id={`content-hint-${version.id}`}>
                {t('editor.hint')}
              </p>
              <textarea
                id={`content-${version.id}`}
                name="content"
                className="selfcheck-json"
                rows={24}
                spellCheck={false}
                dir="ltr"
                defaultValue={kept ?? version.json}
                aria-describedby={`content-hint-${version.id}${errors.length ? ` content-error-${version.id}` : ''}`}
                aria-invalid={errors.length ? true : undefined}
              />
              {errors.length ? (
                <div className="field-error" id={`content-error-${version.id}`}>
                  {errors.map((error) => (
                    <p key={error}>{errorText(t, error)}</p>
                  ))}
                </div>
              ) : null}
            </div>
            <button type="submit" className="button primary" disabled={busy}>
              {t('editor.submit')}
            </button>
          </Form>
        </section>
      ))}
    </div>
  );
}
