import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canModerate } from '#app/domain/auth/permissions';
import { getThread } from '#app/domain/forums/threads.server';
import { listForums } from '#app/domain/forums/forums.server';
import { decide } from '#app/domain/moderation/decisions.server';
import { decisionActionSchema, decisionSchema, type DecisionAction } from '#app/domain/moderation/schemas';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { orNotFound, requestContext, requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { DecisionForm } from '#app/components/moderation/decision-form';

export const handle = { i18n: ['common', 'moderation', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Decisions about a whole thread, taken from the thread itself rather than from a report. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  if (!canModerate(actor, town.id)) throw new Response('Forbidden', { status: 403 });
  const thread = await orNotFound(getThread(town.id, Number(params.threadId) || 0));
  const actions: DecisionAction[] = [thread.locked ? 'unlock' : 'lock', thread.pinned ? 'unpin' : 'pin', 'edit_title', 'move', 'slow_mode'];
  return {
    title: await pageTitle(request, context, 'moderation:threadModeration.pageTitle', { title: thread.title }),
    slug: town.slug,
    thread: { id: thread.id, title: thread.title, slowModeSeconds: thread.slowModeSeconds },
    actions,
    forums: (await listForums(town.id)).filter((f) => f.id !== thread.forumId).map((f) => ({ id: f.id, name: f.name })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const threadId = Number(params.threadId) || 0;
  const formData = await request.formData();
  const chosen = parseForm(decisionActionSchema, formData);
  if (!chosen.ok) return invalid(chosen.failure);
  const parsed = parseForm(decisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await decide(actor, town.id, { threadId }, parsed.value, (await requestContext(request, context)).origin);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect(`/towns/${town.slug}/threads/${threadId}`);
}

export default function ThreadModeration() {
  const { t } = useTranslation(['moderation', 'forums']);
  const { slug, thread, actions, forums } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  return (
    <div className="stack narrow">
      <h2 dir="auto">{t('threadModeration.heading', { title: thread.title })}</h2>
      <p>
        <Link to={`/towns/${slug}/threads/${thread.id}`}>{t('threadModeration.back')}</Link>
      </p>
      {thread.slowModeSeconds ? <p>{t('threadModeration.slowModeOn', { count: thread.slowModeSeconds })}</p> : null}
      <DecisionForm actions={actions} forums={forums} currentTitle={thread.title} automated={false} errors={errors} value={value} />
    </div>
  );
}
