import { type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { feedbackSchema } from '#app/domain/accessibility/schemas';
import { submitFeedback } from '#app/domain/accessibility/feedback.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { clientFacts, currentActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { Field, FormAlert, Notice, TextAreaField } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'accessibility', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The page someone came from, if it is one of ours (a foreign or malformed Referer is ignored). */
function referringPath(request: Request): string {
  try {
    const from = new URL(request.headers.get('Referer') ?? '');
    return from.host === new URL(request.url).host ? from.pathname.slice(0, 500) : '';
  } catch {
    return '';
  }
}

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await currentActor(args);
  return { title: await pageTitle(args, 'accessibility:feedback.title'), page: referringPath(args.request), email: actor?.email ?? '' };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const submission = await parseSubmission(args.request, feedbackSchema);
  if (submission.status !== 'success') return rejected(submission, feedbackSchema);
  return attempt(args.request, submission, feedbackSchema, async () => {
    const { reference } = await submitFeedback(await currentActor(args), { ...submission.value, ...(await clientFacts(args)) });
    return { reference };
  });
});

export default function AccessibilityFeedback() {
  const { t } = useTranslation(['accessibility', 'common', 'auth']);
  const { page, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm(feedbackSchema, { defaultValue: { pageUrl: page, contactEmail: email } });
  const busy = useNavigation().state === 'submitting';
  if (result && 'reference' in result) {
    return (
      <div className="page narrow">
        <h1>{t('feedback.title')}</h1>
        <Notice>{t('feedback.thanks', { reference: result.reference })}</Notice>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t('feedback.title')}</h1>
      <p>{t('feedback.intro')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <Field field={fields.pageUrl} label={t('feedback.page')} hint={t('feedback.pageHint')} />
        <TextAreaField field={fields.description} label={t('feedback.description')} hint={t('feedback.descriptionHint')} rows={6} />
        <Field field={fields.contactEmail} type="email" label={t('feedback.contact')} hint={t('feedback.contactHint')} autoComplete="email" />
        <button type="submit" className="button primary" disabled={busy}>
          {t('feedback.submit')}
        </button>
      </Form>
    </div>
  );
}
