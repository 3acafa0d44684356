/**
 * The report pages (a post in a forum, a question at a dialogue event): one loader and one action over what
 * is reported. Choose, review, send: the first step only checks the report and shows it back; nothing is
 * filed before "send".
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import type { MaybeActor } from '#app/domain/auth/permissions';
import type { ClientFacts } from '#app/domain/auth/accounts.server';
import type { ReportTarget } from '#app/domain/moderation/reports.server';
import { reportFlowSchema as reportForm, type ReportInput } from '#app/domain/moderation/schemas';
import { parseReportReference, reportReference } from '#app/domain/moderation/references';
import { attempt, parseSubmission, rejected } from './form.server';
import { clientFacts, type RouteArgs } from './guard.server';
import { pageTitle } from './page.server';

/** What one kind of report page knows: who reads it, what is reported, where it lives, how it is filed. */
export interface ReportPlace {
  actor: MaybeActor;
  /** read with the reader's rights: what may not be read may not be reported ("not found") */
  target: ReportTarget;
  /** this page, for the receipt */
  path: string;
  /** where the reporter goes back to */
  backPath: string;
  file(input: ReportInput & ClientFacts): Promise<{ reference: string }>;
}

export async function reportLoader(args: LoaderFunctionArgs, place: ReportPlace) {
  const sent = parseReportReference(new URL(args.request.url).searchParams.get('sent') ?? '');
  return {
    title: await pageTitle(args, 'moderation:report.pageTitle'),
    target: place.target,
    backPath: place.backPath,
    signedIn: !!place.actor,
    sent: sent ? reportReference(sent) : null,
  };
}

export async function reportAction(args: ActionFunctionArgs | RouteArgs, place: ReportPlace) {
  const submission = await parseSubmission(args.request, reportForm);
  if (submission.status !== 'success') return rejected(submission, reportForm);
  const input = submission.value;
  if (input.intent === 'change') return { change: input };
  if (input.intent === 'review') return { review: input as ReportInput };
  return attempt(args.request, submission, reportForm, async () => {
    const { reference } = await place.file({ ...(input as ReportInput), ...(await clientFacts(args)) });
    return redirect(`${place.path}?sent=${reference}`);
  });
}
