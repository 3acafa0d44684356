import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { feedbackSchema } from '#app/domain/accessibility/schemas';
import { submitFeedback } from '#app/domain/accessibility/feedback.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { getActor, requestContext } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice, TextAreaField } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'accessibility', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getActor(request, context);
  const from = request.headers.get('Referer');
  const sameSite = from && new URL(from).host === new URL(request.url).host ? new URL(from).pathname : '';
  return { title: await pageTitle(request, context, 'accessibility:feedback.title'), page: sameSite, email: actor?.email ?? '' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(feedbackSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    const { reference } = await submitFeedback(await getActor(request, context), parsed.value, await requestContext(request, context));
    return { ok: true as const, reference };
  } catch (error) {
    return domainFailure(error, formData);
  }
}

export default function AccessibilityFeedback() {
  const { t } = useTranslation(['accessibility', 'common', 'auth']);
  const { page, email } = useLoaderData<typeof loader>();
  const { errors, value, result } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  if (result && result.ok) {
    return (
      <div className="page narrow">
        <h1>{t('feedback.title')}</h1>
        <Notice>{t('feedback.thanks', { reference: (result as { reference: number }).reference })}</Notice>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t('feedback.title')}</h1>
      <p>{t('feedback.intro')}</p>
      <Form method="post" noValidate className="stack">
        <FormAlert error={errors.form} />
        <Field name="pageUrl" label={t('feedback.page')} hint={t('feedback.pageHint')} required defaultValue={value('pageUrl', page)} error={errors.pageUrl} />
        <TextAreaField name="description" label={t('feedback.description')} hint={t('feedback.descriptionHint')} rows={6} required defaultValue={value('description')} error={errors.description} />
        <Field name="contactEmail" type="email" label={t('feedback.contact')} hint={t('feedback.contactHint')} autoComplete="email" defaultValue={value('contactEmail', email)} error={errors.contactEmail} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('feedback.submit')}
        </button>
      </Form>
    </div>
  );
}
