import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listDevMail } from '#app/domain/mail/outbox.server';
import { settings } from '#app/env.server';
import { routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';

export const handle = { i18n: ['common'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }];

/**
 * The development mailbox: what the app would have mailed, sign-in and reset links included. So it exists
 * only in demo mode without a public address, and answers only the person at this machine (a request from
 * loopback that no proxy passed on) — anyone else gets "not found".
 */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  if (!settings().demo.mailbox || !args.context.directLocalRequest) throw new Response('Not found', { status: 404 });
  const to = new URL(args.request.url).searchParams.get('to')?.slice(0, 254) || undefined;
  return { title: await pageTitle(args, 'devMail.title'), mails: await listDevMail({ recipient: to }) };
});

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
            {t('devMail.to')} {mail.recipient} · <time dateTime={mail.createdAt.toISOString()}>{mail.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</time>
          </p>
          <div className="mail-body">
            {mail.bodyText.split(LINK).map((part, i) => (i % 2 === 1 ? <a key={i} href={part}>{part}</a> : <span key={i}>{part}</span>))}
          </div>
        </article>
      ))}
    </div>
  );
}
