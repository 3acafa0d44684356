import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { idSchema } from '#app/domain/ids';
import { digestSetting, listNotifications, markNotificationsRead, setDigest, type NotificationGroup } from '#app/domain/forums/notifications.server';
import { reportReference } from '#app/domain/moderation/references';
import { parseSubmission, rejected } from '#app/web/form.server';
import { requireActor, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { Notice } from '#app/components/ui/field';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'forums', 'moderation', 'dialogues', 'privacy'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  return {
    title: await pageTitle(args, 'forums:notifications.title'),
    groups: await listNotifications(actor),
    digest: await digestSetting(actor),
    saved: new URL(args.request.url).searchParams.has('saved'),
  };
});

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: idSchema }),
  z.object({ intent: z.literal('read-thread'), threadId: idSchema }),
  z.object({ intent: z.literal('read-all') }),
  z.object({ intent: z.literal('digest'), digest: z.enum(['off', 'daily']) }),
]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const actor = await requireActor(args);
  const submission = await parseSubmission(args.request, actionSchema);
  if (submission.status !== 'success') return rejected(submission, actionSchema);
  const input = submission.value;
  if (input.intent === 'digest') {
    await setDigest(actor, { digest: input.digest });
    return redirect('/notifications?saved=1');
  }
  await markNotificationsRead(actor, input.intent === 'read' ? { notificationId: input.id } : input.intent === 'read-thread' ? { threadId: input.threadId } : {});
  return redirect('/notifications');
});

export default function Notifications() {
  const { t } = useTranslation(['forums', 'common', 'moderation', 'privacy']);
  const { groups, digest, saved } = useLoaderData<typeof loader>();
  const formatDate = useDateFormat();
  const unread = groups.reduce((sum, group) => sum + group.unread, 0);
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
      {groups.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      <ul className="notification-list">
        {groups.map((group) => (
          <li key={group.key} className={group.unread ? 'unread' : 'read'}>
            {group.unread ? <span className="badge badge-unread">{t('notifications.newCount', { count: group.unread })}</span> : null}{' '}
            <NotificationText group={group} />
            <span className="meta">
              {' '}
              {group.townName ? <>· <bdi>{group.townName}</bdi> </> : null}· {formatDate(group.latestAt)}
            </span>
            {group.unread ? (
              <Form method="post" className="inline-form">
                {group.key.startsWith('thread:') ? (
                  <>
                    <input type="hidden" name="threadId" value={group.threadId ?? ''} />
                    <button type="submit" name="intent" value="read-thread" className="button small">
                      {t('notifications.markRead')}
                      <span className="visually-hidden"> – {group.threadTitle}</span>
                    </button>
                  </>
                ) : (
                  <>
                    <input type="hidden" name="id" value={group.key.slice('notice:'.length)} />
                    <button type="submit" name="intent" value="read" className="button small">
                      {t('notifications.markRead')}
                      <span className="visually-hidden"> – {group.townName ?? t('privacy:notifications.exportReady')}</span>
                    </button>
                  </>
                )}
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

/** Replies and quotes (grouped per thread) link to the newest post; moderation notices to the decision. */
function NotificationText({ group }: { group: NotificationGroup }) {
  const { t } = useTranslation(['forums', 'moderation', 'dialogues', 'privacy']);
  const names = group.authorNames.length ? group.authorNames.join(', ') : t('post.formerMember');
  switch (group.kind) {
    case 'reply':
    case 'quote':
      return (
        <Link to={`/posts/${group.postId}`}>
          {group.count > 1
            ? t('notifications.group', { count: group.count, thread: group.threadTitle, names })
            : t(`notifications.kind.${group.kind}`, { name: names, thread: group.threadTitle })}
        </Link>
      );
    case 'report_received':
      return <span>{t('moderation:notices.reportReceived', { reference: group.reportId ? reportReference(group.reportId) : '', town: group.townName })}</span>;
    case 'decision':
      return <Link to={`/decisions/${group.decisionId}`}>{t('moderation:notices.decision', { town: group.townName })}</Link>;
    case 'appeal_outcome':
      return <Link to={`/decisions/${group.decisionId}`}>{t('moderation:notices.appealOutcome', { town: group.townName })}</Link>;
    case 'event_promoted':
    case 'event_cancelled':
      return <Link to={group.event?.path ?? '/notifications'}>{t(group.kind === 'event_promoted' ? 'dialogues:notices.promoted' : 'dialogues:notices.cancelled', { title: group.event?.title ?? '' })}</Link>;
    case 'export_ready':
      return <Link to="/account/privacy">{t('privacy:notifications.exportReady')}</Link>;
    case 'advice_update':
      return <Link to={`/towns/${group.townSlug}/selfcheck`}>{t('selfcheck:notice.adviceUpdated', { town: group.townName })}</Link>;
  }
}
