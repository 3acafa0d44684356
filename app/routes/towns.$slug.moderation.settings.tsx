import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getModerationSettings, saveModerationSettings } from '#app/domain/moderation/settings.server';
import { settingsSchema } from '#app/domain/moderation/schemas';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  return {
    title: await pageTitle(request, context, 'moderation:settings.pageTitle', { town: town.name }),
    settings: await getModerationSettings(actor, town.id),
    saved: new URL(request.url).searchParams.has('saved'),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const formData = await request.formData();
  const parsed = parseForm(settingsSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  try {
    await saveModerationSettings(actor, town.id, parsed.value);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect(`/towns/${town.slug}/moderation/settings?saved=1`);
}

/** Pre-moderation: per forum, and for the first posts of new members. */
export default function ModerationSettings() {
  const { t } = useTranslation(['moderation', 'common']);
  const { settings, saved } = useLoaderData<typeof loader>();
  const { errors, value, result } = useFormFailure();
  const failed = result?.ok === false;
  const chosen = new Set((value('premoderatedForums') || '').split(',').filter(Boolean).map(Number));
  return (
    <div className="stack narrow">
      <h2>{t('settings.title')}</h2>
      {saved ? <Notice>{t('settings.saved')}</Notice> : null}
      <Form method="post" className="card stack" noValidate>
        <FormAlert error={errors.form} />
        <fieldset>
          <legend>{t('settings.forumsLegend')}</legend>
          <p className="hint">{t('settings.forumsHint')}</p>
          {settings.forums.map((forum) => (
            <label key={forum.id} className="checkbox-label">
              <input type="checkbox" name="premoderatedForums" value={forum.id} defaultChecked={failed ? chosen.has(forum.id) : forum.premoderated} /> {forum.name}
            </label>
          ))}
        </fieldset>
        <Field
          name="reviewFirstPosts"
          type="number"
          min={0}
          max={50}
          label={t('settings.reviewFirstPosts')}
          hint={t('settings.reviewFirstPostsHint')}
          defaultValue={value('reviewFirstPosts', String(settings.reviewFirstPosts))}
          error={errors.reviewFirstPosts}
        />
        <button type="submit" className="button primary">
          {t('settings.save')}
        </button>
      </Form>
    </div>
  );
}
