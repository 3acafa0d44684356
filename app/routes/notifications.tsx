import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { digestSetting, listNotifications, markNotificationsRead, setDigest } from '#app/domain/forums/notifications.server';
import { invalid, parseForm } from '#app/forms.server';
import { requireActor } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Notice } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'forums', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const notifications = await listNotifications(actor);
  return {
    title: await pageTitle(request, context, 'forums:notifications.title'),
    notifications: notifications.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    digest: await digestSetting(actor),
    saved: new URL(request.url).searchParams.has('saved'),
  };
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('read-all') }),
  z.object({ intent: z.literal('digest'), digest: z.enum(['off', 'daily']) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const parsed = parseForm(actionSchema, await request.formData());
  if (!parsed.ok) return invalid(parsed.failure);
  const input = parsed.value;
  if (input.intent === 'digest') {
    await setDigest(actor, input.digest);
    return redirect('/notifications?saved=1');
  }
  await markNotificationsRead(actor, input.intent === 'read' ? input.id : undefined);
  return redirect('/notifications');
}

export default function Notifications() {
  const { t, i18n } = useTranslation(['forums', 'common', 'moderation']);
  const { notifications, digest, saved } = useLoaderData<typeof loader>();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <div className="page narrow stack">
      <h1>{t('notifications.title')}</h1>
      {saved ? <Notice>{t('notifications.saved')}</Notice> : null}
      {unread ? (
        <Form method="post">
          <button type="submit" name="intent" value="read-all" className="button small">
            {t('notifications.markAllRead')}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      <ul className="notification-list">
        {notifications.map((n) => (
          <li key={n.id} className={n.read ? 'read' : 'unread'}>
            {!n.read ? <span className="badge badge-unread">{t('notifications.new')}</span> : null}{' '}
            <NotificationText notification={n} />
            <span className="meta">
              {' '}
              · {n.townName} · {when.format(new Date(n.createdAt))}
            </span>
            {!n.read ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" name="intent" value="read" className="button small">
                  {t('notifications.markRead')}
                  <span className="visually-hidden"> – {n.threadTitle ?? n.townName}</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="digest-heading">
        <h2 id="digest-heading">{t('notifications.digestHeading')}</h2>
        <Form method="post" className="stack">
          <fieldset>
            <legend>{t('notifications.digestLegend')}</legend>
            <label className="checkbox-label">
              <input type="radio" name="digest" value="off" defaultChecked={digest === 'off'} /> {t('notifications.digestOff')}
            </label>
            <label className="checkbox-label">
              <input type="radio" name="digest" value="daily" defaultChecked={digest === 'daily'} /> {t('notifications.digestDaily')}
            </label>
          </fieldset>
          <button type="submit" name="intent" value="digest" className="button">
            {t('notifications.saveDigest')}
          </button>
        </Form>
      </section>
    </div>
  );
}

type NotificationItem = ReturnType<typeof useLoaderData<typeof loader>>['notifications'][number];

/** Replies and quotes link to the post; moderation notices to the decision and its statement of reasons. */
function NotificationText({ notification: n }: { notification: NotificationItem }) {
  const { t } = useTranslation(['forums', 'moderation']);
  switch (n.kind) {
    case 'reply':
    case 'quote':
      return <Link to={`/posts/${n.postId}`}>{t(`notifications.kind.${n.kind}`, { name: n.authorName ?? t('post.formerMember'), thread: n.threadTitle })}</Link>;
    case 'report_received':
      return <span>{t('moderation:notices.reportReceived', { reference: n.reportId, town: n.townName })}</span>;
    case 'decision':
      return <Link to={`/decisions/${n.decisionId}`}>{t('moderation:notices.decision', { town: n.townName })}</Link>;
    case 'appeal_outcome':
      return <Link to={`/decisions/${n.decisionId}`}>{t('moderation:notices.appealOutcome', { town: n.townName })}</Link>;
  }
}
