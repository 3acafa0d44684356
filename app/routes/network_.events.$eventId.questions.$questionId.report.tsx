/** Reporting a question at a dialogue event, or its asker, to the moderation team. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { routeAction, routeLoader } from '#app/web/guard.server';
import { reportAction, reportLoader } from '#app/web/report.server';
import { questionReportPlace } from '#app/web/dialogues.server';
import { ReportFlow } from '#app/components/moderation/report-flow';

export const handle = { i18n: ['common', 'moderation', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => reportLoader(args, await questionReportPlace(args)));
export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => reportAction(args, await questionReportPlace(args)));

export default function Route() {
  return (
    <div className="page">
      <ReportFlow view={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
    </div>
  );
}
