import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { getFormProps, type FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { canManageForums } from '#app/domain/auth/permissions';
import { DomainError } from '#app/domain/errors';
import { createForum, getPostingLimit, listManagedForums, setPostingLimit, updateForum, type ManagedForum } from '#app/domain/forums/forums.server';
import { forumSchema, postingLimitSchema } from '#app/domain/forums/schemas';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { routeAction, routeLoader, type RouteArgs, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';
import { CheckboxField, Field, FormAlert, Notice } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'forums', 'towns'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Town admins and the network team manage forums (so not requireMember: the network team is no member). */
async function requireForumManager(args: RouteArgs) {
  const { actor, town } = await signedInTownPage(args);
  if (!canManageForums(actor, town.id)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return { actor, town };
}

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireForumManager(args);
  return {
    title: await pageTitle(args, 'forums:manage.title', { town: town.name }),
    forums: await listManagedForums(actor, { townId: town.id }),
    /** Languages a forum's name may be given in, besides the town's default language (the plain fields). */
    translatable: town.languages.filter((lng) => lng !== town.defaultLanguage),
    defaultLanguage: town.defaultLanguage,
    saved: new URL(args.request.url).searchParams.has('saved'),
    limit: await getPostingLimit(actor, { townId: town.id }),
  };
});

const saveForum = forumSchema.extend({ intent: z.string().regex(/^(create|save-\d{1,15})$/) });
const limitForm = postingLimitSchema.extend({ intent: z.literal('limit') });
const manageSchema = z.union([limitForm, saveForum]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireForumManager(args);
  const submission = await parseSubmission(args.request, manageSchema);
  if (submission.status !== 'success') return rejected(submission, manageSchema);
  const input = submission.value;
  return attempt(args.request, submission, manageSchema, async () => {
    if (input.intent === 'limit' && 'postsPerWindow' in input) {
      await setPostingLimit(actor, { townId: town.id, postsPerWindow: input.postsPerWindow, postWindowMinutes: input.postWindowMinutes });
    } else if ('slug' in input) {
      const forum = { ...input, townId: town.id };
      if (input.forumId) await updateForum(actor, { ...forum, forumId: input.forumId });
      else await createForum(actor, forum);
    }
    return redirect(`/towns/${town.slug}/forums-admin?saved=1`);
  });
});

type ForumFieldsMeta = ReturnType<typeof useAppForm<typeof saveForum>>[1];

function ForumFields({ fields, translatable, defaultLanguage }: { fields: ForumFieldsMeta; translatable: string[]; defaultLanguage: string }) {
  const { t } = useTranslation(['forums', 'towns']);
  const names = fields.nameTranslations.getFieldset() as Record<string, FieldMetadata<string | undefined, Record<string, unknown>, string[]>>;
  const descriptions = fields.descriptionTranslations.getFieldset() as Record<string, FieldMetadata<string | undefined, Record<string, unknown>, string[]>>;
  const languageName = (lng: string) => LANGUAGE_NAMES[lng as Language] ?? lng;
  return (
    <>
      <Field field={fields.name} label={t('manage.nameIn', { language: languageName(defaultLanguage) })} />
      <Field field={fields.slug} label={t('towns:fields.slug')} />
      <Field field={fields.description} label={t('manage.descriptionIn', { language: languageName(defaultLanguage) })} />
      <Field field={fields.position} type="number" min={0} max={1000} label={t('manage.position')} />
      <CheckboxField field={fields.staffOnlyPosting} label={t('manage.staffOnly')} />
      {translatable.length ? (
        <fieldset>
          <legend>{t('manage.translations')}</legend>
          <p className="hint">{t('manage.translationsHint')}</p>
          {translatable.map((lng) => (
            <div key={lng} className="translation-pair" lang={lng}>
              <Field field={names[lng]} label={t('manage.nameIn', { language: languageName(lng) })} dir="auto" />
              <Field field={descriptions[lng]} label={t('manage.descriptionIn', { language: languageName(lng) })} dir="auto" />
            </div>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

function ForumForm({ forum, translatable, defaultLanguage }: { forum: ManagedForum | null; translatable: string[]; defaultLanguage: string }) {
  const { t } = useTranslation(['forums', 'common']);
  const formName = forum ? `save-${forum.id}` : 'create';
  const [form, fields] = useAppForm(saveForum, {
    formName,
    id: `forum-form-${forum?.id ?? 'new'}`,
    defaultValue: forum
      ? {
          name: forum.name,
          slug: forum.slug,
          description: forum.description,
          position: forum.position,
          staffOnlyPosting: forum.staffOnlyPosting ? 'on' : undefined,
          nameTranslations: forum.nameTranslations,
          descriptionTranslations: forum.descriptionTranslations,
        }
      : { position: 0 },
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {forum ? <input type="hidden" name="forumId" value={forum.id} /> : null}
      <input type="hidden" name="intent" value={formName} />
      <FormAlert errors={form.errors} />
      <ForumFields fields={fields} translatable={translatable} defaultLanguage={defaultLanguage} />
      <button type="submit" className={`button${forum ? '' : ' primary'}`}>
        {forum ? t('manage.save') : t('manage.createSubmit')}
        {forum ? <span className="visually-hidden"> – {forum.name}</span> : null}
      </button>
    </Form>
  );
}

export default function ManageForums() {
  const { t } = useTranslation(['forums', 'common']);
  const { forums, saved, limit, translatable, defaultLanguage } = useLoaderData<typeof loader>();
  const [limitMeta, limitFields] = useAppForm(limitForm, {
    formName: 'limit',
    defaultValue: { postsPerWindow: limit.postsPerWindow, postWindowMinutes: Math.round(limit.postWindowSeconds / 60) },
  });
  return (
    <div className="stack">
      <h2>{t('manage.heading')}</h2>
      {saved ? <Notice>{t('manage.saved')}</Notice> : null}
      {forums.map((forum) => (
        <section key={forum.id} className="card" aria-labelledby={`forum-${forum.id}`}>
          <h3 id={`forum-${forum.id}`}>{forum.name}</h3>
          <ForumForm forum={forum} translatable={translatable} defaultLanguage={defaultLanguage} />
        </section>
      ))}
      <section className="card" aria-labelledby="posting-limit">
        <h3 id="posting-limit">{t('manage.limitHeading')}</h3>
        <p>{t('manage.limitText')}</p>
        <Form method="post" className="stack" {...getFormProps(limitMeta)}>
          <input type="hidden" name="intent" value="limit" />
          <FormAlert errors={limitMeta.errors} />
          <Field field={limitFields.postsPerWindow} type="number" min={1} max={10000} label={t('manage.limitPosts')} />
          <Field field={limitFields.postWindowMinutes} type="number" min={1} max={1440} label={t('manage.limitMinutes')} />
          <button type="submit" className="button">
            {t('manage.limitSave')}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="new-forum">
        <h3 id="new-forum">{t('manage.create')}</h3>
        <ForumForm forum={null} translatable={translatable} defaultLanguage={defaultLanguage} />
      </section>
    </div>
  );
}
