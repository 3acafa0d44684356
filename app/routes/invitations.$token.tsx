import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { acceptInvitation, previewInvitation } from '#app/domain/municipalities/members.server';
import { isDomainError } from '#app/domain/errors';
import { domainErrorReply } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { currentActor, requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { FormAlert } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'towns'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const title = await pageTitle(args, 'towns:invitation.title');
  const actor = await currentActor(args);
  try {
    const invitation = await previewInvitation(actor, { token: args.params.token ?? '' });
    return { title, invitation, signedIn: !!actor, here: new URL(args.request.url).pathname };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { title, invitation: null, signedIn: !!actor, here: '' };
  }
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  try {
    const { townSlug } = await acceptInvitation(actor, { token: args.params.token ?? '' });
    return redirect(`/towns/${townSlug}`);
  } catch (error) {
    if (isDomainError(error)) return domainErrorReply(error);
    throw error;
  }
});

export default function InvitationPage() {
  const { t } = useTranslation(['towns', 'common']);
  const { invitation, signedIn, here } = useLoaderData<typeof loader>();
  const reply = useFormReply();
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
      <FormAlert errors={reply?.error?.[''] ?? undefined} />
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
