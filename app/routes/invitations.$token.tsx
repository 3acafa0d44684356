import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { acceptInvitation, previewInvitation } from '#app/domain/municipalities/members.server';
import { isDomainError } from '#app/domain/errors';
import { domainFailure } from '#app/forms.server';
import { getActor, requireActor } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { FormAlert } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'towns'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const title = await pageTitle(request, context, 'towns:invitation.title');
  const actor = await getActor(request, context);
  try {
    const invitation = await previewInvitation(params.token ?? '');
    return { title, invitation, signedIn: !!actor, here: new URL(request.url).pathname };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { title, invitation: null, signedIn: !!actor, here: '' };
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await request.formData();
  try {
    const { townSlug } = await acceptInvitation(actor, params.token ?? '');
    return redirect(`/towns/${townSlug}`);
  } catch (error) {
    return domainFailure(error, formData);
  }
}

export default function InvitationPage() {
  const { t } = useTranslation(['towns', 'common']);
  const { invitation, signedIn, here } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  if (!invitation) {
    return (
      <div className="page narrow">
        <h1>{t('invitation.title')}</h1>
        <p>{t('errors.invitationInvalid')}</p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t('invitation.title')}</h1>
      <p>{t('invitation.text', { town: invitation.townName, role: t(`roles.${invitation.role}`) })}</p>
      <FormAlert error={errors.form} />
      {signedIn ? (
        <Form method="post">
          <button type="submit" className="button primary">
            {t('invitation.accept')}
          </button>
        </Form>
      ) : (
        <p>
          {t('invitation.signInFirst')} <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('common:nav.signIn')}</Link> ·{' '}
          <Link to="/signup">{t('common:nav.signUp')}</Link>
        </p>
      )}
    </div>
  );
}
