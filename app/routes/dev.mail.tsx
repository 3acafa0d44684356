import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canReadDevMail } from '#app/domain/auth/permissions';
import { listDevMail } from '#app/domain/mail/outbox.server';
import { pageTitle } from '#app/page-title.server';

export const handle = { i18n: ['common'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }];

/** The development mailbox: what the app would have mailed. Exists only in demo mode. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!canReadDevMail(context.demoMode)) throw new Response('Not found', { status: 404 });
  const to = new URL(request.url).searchParams.get('to') ?? undefined;
  const mails = await listDevMail(to);
  return {
    title: await pageTitle(request, context, 'devMail.title'),
    mails: mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  };
}

const LINK = /(https?:\/\/[^\s]+)/g;

export default function DevMail() {
  const { t } = useTranslation();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t('devMail.title')}</h1>
      <p>{t('devMail.intro')}</p>
      {mails.length === 0 ? <p>{t('devMail.empty')}</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="card mail" aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
          <p className="meta">
            {t('devMail.to')} {mail.recipient} · <time dateTime={mail.createdAt}>{mail.createdAt.replace('T', ' ').slice(0, 19)}</time>
          </p>
          <div className="mail-body">
            {mail.bodyText.split(LINK).map((part, i) => (i % 2 === 1 ? <a key={i} href={part}>{part}</a> : <span key={i}>{part}</span>))}
          </div>
        </article>
      ))}
    </div>
  );
}
