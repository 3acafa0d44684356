import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isOfficial } from '#app/domain/auth/permissions';
import { isShielded, setShield } from '#app/domain/moderation/settings.server';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { FormAlert, Notice } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, isOfficial);
  return {
    title: await pageTitle(args, 'moderation:shield.pageTitle'),
    shielded: await isShielded(actor, { townId: town.id }),
    saved: new URL(args.request.url).searchParams.has('saved'),
  };
});

const shieldSchema = z.object({ shield: z.enum(['on', 'off']) });

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, isOfficial);
  const submission = await parseSubmission(args.request, shieldSchema);
  if (submission.status !== 'success') return rejected(submission, shieldSchema);
  return attempt(args.request, submission, shieldSchema, async () => {
    await setShield(actor, { townId: town.id, on: submission.value.shield === 'on' });
    return redirect(`/towns/${town.slug}/shield?saved=1`);
  });
});

/** For officials: hold replies to their threads and quotes of their posts for review before anyone sees them. */
export default function Shield() {
  const { t } = useTranslation(['moderation', 'common']);
  const { shielded, saved } = useLoaderData<typeof loader>();
  const reply = useFormReply();
  return (
    <div className="stack narrow">
      <h2>{t('shield.heading')}</h2>
      {saved ? <Notice>{t('shield.saved')}</Notice> : null}
      <p>{t('shield.intro')}</p>
      <p data-testid="shield-state">
        <strong>{shielded ? t('shield.isOn') : t('shield.isOff')}</strong>
      </p>
      <Form method="post">
        <FormAlert errors={reply?.error?.[''] ?? reply?.error?.shield ?? undefined} />
        <button type="submit" name="shield" value={shielded ? 'off' : 'on'} className="button primary">
          {shielded ? t('shield.switchOff') : t('shield.switchOn')}
        </button>
      </Form>
      <p className="hint">{t('shield.support')}</p>
    </div>
  );
}
