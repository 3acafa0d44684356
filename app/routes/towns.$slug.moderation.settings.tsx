import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { canModerate } from '#app/domain/auth/permissions';
import { getModerationSettings, saveModerationSettings } from '#app/domain/moderation/settings.server';
import { settingsSchema } from '#app/domain/moderation/schemas';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { ChoiceGroup, Field, FormAlert, Notice } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  return {
    title: await pageTitle(args, 'moderation:settings.pageTitle', { town: town.name }),
    settings: await getModerationSettings(actor, { townId: town.id }),
    saved: new URL(args.request.url).searchParams.has('saved'),
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const submission = await parseSubmission(args.request, settingsSchema);
  if (submission.status !== 'success') return rejected(submission, settingsSchema);
  return attempt(args.request, submission, settingsSchema, async () => {
    await saveModerationSettings(actor, { ...submission.value, townId: town.id });
    return redirect(`/towns/${town.slug}/moderation/settings?saved=1`);
  });
});

/** Pre-moderation: per forum, and for the first posts of new members. */
export default function ModerationSettings() {
  const { t } = useTranslation(['moderation', 'common']);
  const { settings, saved } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(settingsSchema, {
    defaultValue: {
      reviewFirstPosts: settings.reviewFirstPosts,
      premoderatedForums: settings.forums.filter((forum) => forum.premoderated).map((forum) => String(forum.id)),
    },
  });
  return (
    <div className="stack narrow">
      <h2>{t('settings.title')}</h2>
      {saved ? <Notice>{t('settings.saved')}</Notice> : null}
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <ChoiceGroup
          field={fields.premoderatedForums}
          type="checkbox"
          legend={t('settings.forumsLegend')}
          hint={t('settings.forumsHint')}
          options={settings.forums.map((forum) => ({ value: String(forum.id), label: forum.name }))}
        />
        <Field field={fields.reviewFirstPosts} type="number" min={0} max={50} label={t('settings.reviewFirstPosts')} hint={t('settings.reviewFirstPostsHint')} />
        <button type="submit" className="button primary">
          {t('settings.save')}
        </button>
      </Form>
    </div>
  );
}
