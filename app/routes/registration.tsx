/**
 * The page behind the link in every registration mail, without signing in: the registration with its code
 * and QR code, a guest's confirmation, and cancelling. The token in the address is the only key.
 */
import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { routeAction, routeLoader } from '#app/web/guard.server';
import { registrationPageAction, registrationPageLoader } from '#app/web/dialogues.server';
import { useFormReply } from '#app/web/form';
import { FormAlert, Notice } from '#app/components/ui/field';
import dialoguesCss from '#app/styles/dialogues.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
// The token in the address never leaves for another site. Not "no-referrer": with it, browsers send
// "Origin: null" on the page's own form posts, which the origin check refuses (the forms without JavaScript).
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'referrer', content: 'same-origin' }];
// Personal: never kept by a shared cache or the browser's back-forward cache of another person.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' });

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, registrationPageLoader);
export const action = (args: ActionFunctionArgs) => routeAction(args, registrationPageAction);

export default function RegistrationPage() {
  const { t } = useTranslation(['dialogues', 'common']);
  const { registration, event, notice, guestQa } = useLoaderData<typeof loader>();
  const reply = useFormReply('confirm') ?? useFormReply('cancel') ?? useFormReply('qa');
  const live = registration.status !== 'cancelled' && event.status === 'published';
  return (
    <div className="page narrow stack">
      <h1>{t('registration.pageTitle')}</h1>
      <p className="lead" lang={event.textLanguage} dir="auto">
        {event.title}
      </p>
      {notice === 'confirmed' ? <Notice>{t('registration.confirmedNotice')}</Notice> : null}
      {notice === 'cancelled' ? <Notice>{t('register.cancelledNotice')}</Notice> : null}
      <FormAlert errors={reply?.error?.[''] ?? undefined} />
      <p>{event.when}</p>
      {event.venue ? (
        <p>
          <bdi>{event.venue}</bdi>
        </p>
      ) : null}
      {event.status === 'cancelled' ? <div className="alert alert-error">{t('registration.eventCancelled')}</div> : null}
      <section className="card stack" aria-labelledby="status-title" data-testid="my-registration">
        <h2 id="status-title">{t('register.title')}</h2>
        {registration.status === 'cancelled' ? <p>{t('registration.cancelledStatus')}</p> : null}
        {registration.status === 'pending' ? (
          <Form method="post">
            <p>{t('register.pending')}</p>
            <button type="submit" name="intent" value="confirm" className="button primary">
              {t('registration.confirm')}
            </button>
          </Form>
        ) : null}
        {registration.status === 'waiting' ? <p>{t('register.waiting', { position: registration.waitingPosition })}</p> : null}
        {registration.status === 'confirmed' ? (
          <>
            <p>{registration.checkedIn ? t('register.checkedIn') : t('register.confirmed')}</p>
            <p>
              {t('register.yourCode')}: <strong className="registration-code">{registration.formattedCode}</strong>
            </p>
            <p className="hint">{t('register.codeHint')}</p>
            {registration.qrSvg ? <div dangerouslySetInnerHTML={{ __html: registration.qrSvg }} /> : null}
            {event.joinUrl ? (
              <p>
                <a href={event.joinUrl} rel="noopener noreferrer">
                  {t('event.joinLink')}
                </a>
              </p>
            ) : null}
          </>
        ) : null}
        {live ? (
          <Form method="post">
            <button type="submit" name="intent" value="cancel" className="button danger">
              {registration.status === 'waiting' ? t('register.leaveWaiting') : t('register.cancel')}
            </button>
          </Form>
        ) : null}
      </section>
      {guestQa ? (
        <Form method="post" className="card stack">
          <p>{t('registration.joinQaHint')}</p>
          <button type="submit" name="intent" value="qa" className="button primary">
            {t('registration.joinQa')}
          </button>
        </Form>
      ) : null}
      <p>
        <Link to={event.path}>{t('registration.toEvent')}</Link>
      </p>
    </div>
  );
}
