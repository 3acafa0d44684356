import { type ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { eraseDueAccounts } from '#app/domain/personal-data/deletion.server';
import { GRACE_DAYS } from '#app/domain/personal-data/schemas';
import { settings } from '#app/env.server';
import { parseSubmission } from '#app/web/form.server';
import { routeAction } from '#app/web/guard.server';

const schema = z.object({ intent: z.literal('erase-due-after-grace') });

/**
 * The demo's time machine for account deletion: runs the erasure job as if the grace period were over. Like
 * the development mailbox, it exists only in demo mode without a public address and answers only requests
 * made on this machine; anyone else gets "not found". It erases only accounts that asked to be deleted.
 */
export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  if (!settings().demo.mailbox || !args.context.directLocalRequest) throw new Response('Not found', { status: 404 });
  const submission = await parseSubmission(args.request, schema);
  if (submission.status !== 'success') throw new Response('Bad request', { status: 400 });
  const erased = await eraseDueAccounts({ asOf: new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000) });
  return Response.json({ erased });
});
