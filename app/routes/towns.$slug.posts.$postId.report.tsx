/** Reporting a post in a town's forum, or its author, to the town's moderation team. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { fileReport, reportTarget } from '#app/domain/moderation/reports.server';
import { requireId, routeAction, routeLoader, townPage, type RouteArgs } from '#app/web/guard.server';
import { reportAction, reportLoader, type ReportPlace } from '#app/web/report.server';
import { ReportFlow } from '#app/components/moderation/report-flow';

export const handle = { i18n: ['common', 'moderation', 'forums', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function place(args: RouteArgs): Promise<ReportPlace> {
  const { actor, town } = await townPage(args);
  const postId = requireId(args.params.postId);
  const target = await reportTarget(actor, { townId: town.id, postId });
  return {
    actor,
    target,
    path: `/towns/${town.slug}/posts/${postId}/report`,
    backPath: `/towns/${town.slug}/threads/${target.threadId}`,
    file: (input) => fileReport(actor, { ...input, townId: town.id, postId }),
  };
}

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => reportLoader(args, await place(args)));
export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => reportAction(args, await place(args)));

export default function Route() {
  return <ReportFlow view={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}
