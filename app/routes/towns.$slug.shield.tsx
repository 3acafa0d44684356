import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isOfficial } from '#app/domain/auth/permissions';
import { isShielded, setShield } from '#app/domain/moderation/settings.server';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  if (!isOfficial(actor, town.id)) throw new Response('Forbidden', { status: 403 });
  return {
    title: await pageTitle(request, context, 'moderation:shield.pageTitle'),
    shielded: await isShielded(actor, town.id),
    saved: new URL(request.url).searchParams.has('saved'),
  };
}

const shieldSchema = z.object({ shield: z.enum(['on', 'off']) });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const formData = await request.formData();
  const parsed = parseForm(shieldSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await setShield(actor, town.id, parsed.value.shield === 'on');
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect(`/towns/${town.slug}/shield?saved=1`);
}

/** For officials: hold replies to their threads and quotes of their posts for review before anyone sees them. */
export default function Shield() {
  const { t } = useTranslation(['moderation', 'common']);
  const { shielded, saved } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  return (
    <div className="stack narrow">
      <h2>{t('shield.heading')}</h2>
      {saved ? <Notice>{t('shield.saved')}</Notice> : null}
      <p>{t('shield.intro')}</p>
      <p data-testid="shield-state">
        <strong>{shielded ? t('shield.isOn') : t('shield.isOff')}</strong>
      </p>
      <Form method="post">
        <FormAlert error={errors.form ?? errors.shield} />
        <button type="submit" name="shield" value={shielded ? 'off' : 'on'} className="button primary">
          {shielded ? t('shield.switchOff') : t('shield.switchOn')}
        </button>
      </Form>
      <p className="hint">{t('shield.support')}</p>
    </div>
  );
}
