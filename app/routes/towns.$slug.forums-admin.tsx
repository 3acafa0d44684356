import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canManageForums } from '#app/domain/auth/permissions';
import { createForum, getPostingLimit, listForums, setPostingLimit, updateForum } from '#app/domain/forums/forums.server';
import { forumSchema, postingLimitSchema } from '#app/domain/forums/schemas';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'forums', 'towns'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  if (!canManageForums(actor, town.id)) throw new Response('Forbidden', { status: 403 });
  return {
    title: await pageTitle(request, context, 'forums:manage.title', { town: town.name }),
    forums: (await listForums(town.id)).map((f) => ({ id: f.id, slug: f.slug, name: f.name, description: f.description, position: f.position, staffOnlyPosting: f.staffOnlyPosting })),
    saved: new URL(request.url).searchParams.has('saved'),
    limit: await getPostingLimit(town.id),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const formData = await request.formData();
  if (formData.get('intent') === 'limit') {
    const limit = parseForm(postingLimitSchema, formData);
    if (!limit.ok) return invalid(limit.failure);
    try {
      await setPostingLimit(actor, town.id, { postsPerWindow: limit.value.postsPerWindow, postWindowSeconds: limit.value.postWindowMinutes * 60 });
    } catch (error) {
      return domainFailure(error, formData);
    }
    return redirect(`/towns/${town.slug}/forums-admin?saved=1`);
  }
  const parsed = parseForm(forumSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const forumId = Number(formData.get('forumId')) || 0;
  try {
    if (forumId) await updateForum(actor, town.id, forumId, parsed.value);
    else await createForum(actor, town.id, parsed.value);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect(`/towns/${town.slug}/forums-admin?saved=1`);
}

function ForumFields({ prefix, values, errors }: { prefix: string; values: Record<string, string | number | boolean>; errors: Record<string, { key: string }> }) {
  const { t } = useTranslation(['forums', 'towns']);
  return (
    <>
      <Field id={`${prefix}-name`} name="name" label={t('manage.name')} required defaultValue={String(values.name ?? '')} error={errors.name} />
      <Field id={`${prefix}-slug`} name="slug" label={t('towns:fields.slug')} required defaultValue={String(values.slug ?? '')} error={errors.slug} />
      <Field id={`${prefix}-description`} name="description" label={t('manage.description')} defaultValue={String(values.description ?? '')} error={errors.description} />
      <Field id={`${prefix}-position`} name="position" type="number" min={0} max={1000} label={t('manage.position')} defaultValue={String(values.position ?? 0)} error={errors.position} />
      <div className="field checkbox">
        <input type="checkbox" id={`${prefix}-staff`} name="staffOnlyPosting" value="on" defaultChecked={!!values.staffOnlyPosting} />
        <label htmlFor={`${prefix}-staff`}>{t('manage.staffOnly')}</label>
      </div>
    </>
  );
}

export default function ManageForums() {
  const { t } = useTranslation(['forums', 'common']);
  const { forums, saved, limit } = useLoaderData<typeof loader>();
  const { errors, result, value } = useFormFailure();
  const limitFailed = result && result.ok === false && result.fields?.intent === 'limit';
  const failedId = result && result.ok === false && !limitFailed ? Number(result.fields?.forumId) || 0 : null;
  return (
    <div className="stack">
      <h2>{t('manage.heading')}</h2>
      {saved ? <Notice>{t('manage.saved')}</Notice> : null}
      {forums.map((forum) => (
        <section key={forum.id} className="card" aria-labelledby={`forum-${forum.id}`}>
          <h3 id={`forum-${forum.id}`}>{forum.name}</h3>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="forumId" value={forum.id} />
            {failedId === forum.id ? <FormAlert error={errors.form} /> : null}
            <ForumFields prefix={`forum-${forum.id}`} values={failedId === forum.id ? { ...forum, ...result!.fields } : forum} errors={failedId === forum.id ? errors : {}} />
            <button type="submit" className="button">
              {t('manage.save')}
              <span className="visually-hidden"> – {forum.name}</span>
            </button>
          </Form>
        </section>
      ))}
      <section className="card" aria-labelledby="posting-limit">
        <h3 id="posting-limit">{t('manage.limitHeading')}</h3>
        <p>{t('manage.limitText')}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="limit" />
          <Field name="postsPerWindow" type="number" min={1} max={10000} label={t('manage.limitPosts')} defaultValue={value('postsPerWindow', String(limit.postsPerWindow))} error={limitFailed ? errors.postsPerWindow : undefined} />
          <Field name="postWindowMinutes" type="number" min={1} max={1440} label={t('manage.limitMinutes')} defaultValue={value('postWindowMinutes', String(Math.round(limit.postWindowSeconds / 60)))} error={limitFailed ? errors.postWindowMinutes : undefined} />
          <button type="submit" className="button">
            {t('manage.limitSave')}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="new-forum">
        <h3 id="new-forum">{t('manage.create')}</h3>
        <Form method="post" className="stack" noValidate>
          {failedId === 0 ? <FormAlert error={errors.form} /> : null}
          <ForumFields prefix="new-forum" values={failedId === 0 ? result!.fields! : {}} errors={failedId === 0 ? errors : {}} />
          <button type="submit" className="button primary">
            {t('manage.createSubmit')}
          </button>
        </Form>
      </section>
    </div>
  );
}
