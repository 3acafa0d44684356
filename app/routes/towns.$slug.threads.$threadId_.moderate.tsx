import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canModerate } from '#app/domain/auth/permissions';
import { getThread } from '#app/domain/forums/threads.server';
import { listForums } from '#app/domain/forums/forums.server';
import { decide } from '#app/domain/moderation/decisions.server';
import type { DecisionAction } from '#app/domain/moderation/schemas';
import { formAction } from '#app/web/form.server';
import { requireId, requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { languageOf, pageTitle } from '#app/web/page.server';
import { checkDecision, decideForm, DecisionForm } from '#app/components/moderation/decision-form';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Decisions about a whole thread, taken from the thread itself rather than from a report. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const thread = await getThread(actor, { townId: town.id, threadId: requireId(args.params.threadId) });
  const actions: DecisionAction[] = [thread.locked ? 'unlock' : 'lock', thread.pinned ? 'unpin' : 'pin', 'edit_title', 'move', 'slow_mode'];
  const forums = await listForums(actor, { townId: town.id, language: await languageOf(args.request, args.context) });
  return {
    title: await pageTitle(args, 'moderation:threadModeration.pageTitle', { title: thread.title }),
    slug: town.slug,
    thread: { id: thread.id, title: thread.title, slowModeSeconds: thread.slowModeSeconds },
    actions,
    forums: forums.filter((f) => f.id !== thread.forumId).map((f) => ({ id: f.id, name: f.name, lang: f.textLanguage })),
  };
});

/** One form, one intent (`decide`); see `decideForm`. */
const threadDecisionSchema = decideForm.transform(checkDecision);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const threadId = requireId(args.params.threadId);
  return formAction(args.request, threadDecisionSchema, async (input) => {
    await decide(actor, { ...input, townId: town.id, threadId });
    return redirect(`/towns/${town.slug}/threads/${threadId}`);
  }, { keep: { field: 'facts', label: 'moderation:decision.facts' } });
});

export default function ThreadModeration() {
  const { t } = useTranslation(['moderation', 'forums']);
  const { slug, thread, actions, forums } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <h2>{t('threadModeration.heading', { title: thread.title })}</h2>
      <p>
        <Link to={`/towns/${slug}/threads/${thread.id}`}>{t('threadModeration.back')}</Link>
      </p>
      {thread.slowModeSeconds ? <p>{t('threadModeration.slowModeOn', { count: thread.slowModeSeconds })}</p> : null}
      <DecisionForm actions={actions} forums={forums} currentTitle={thread.title} automated={false} />
    </div>
  );
}
