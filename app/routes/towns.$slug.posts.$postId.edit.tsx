import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import editorStyles from '#app/editor/editor.css';
import { editPostSchema } from '#app/domain/forums/schemas';
import { editPost, getEditablePost } from '#app/domain/forums/posts.server';
import { isDomainError } from '#app/domain/errors';
import { domainFailure, invalid, keepSubmissionIfUnavailable, parseForm } from '#app/forms.server';
import { requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { FormAlert } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';
import { Composer } from '#app/components/forums/composer';
import { validateDocument } from '#app/editor/validate';

export const handle = { i18n: ['common', 'forums', 'editor'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  try {
    const post = await getEditablePost(actor, town.id, Number(params.postId) || 0);
    return {
      title: await pageTitle(request, context, 'forums:edit.title'),
      post: { ...post, text: (() => { const checked = validateDocument(post.body); return checked.ok ? checked.text : ''; })() },
      townSlug: town.slug,
    };
  } catch (error) {
    if (isDomainError(error)) throw new Response(error.code, { status: error.code === 'forbidden' ? 403 : 404 });
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const postId = Number(params.postId) || 0;
  try {
    // Inside the try: while the database is down these fail too, and the edited text must still be kept.
    const actor = await requireActor(request, context);
    const town = await requireTown(params.slug);
    const parsed = parseForm(editPostSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    await editPost(actor, town.id, postId, parsed.value);
  } catch (error) {
    await keepSubmissionIfUnavailable(error, request, formData, { field: 'bodyText', label: 'forums:composer.firstPost' });
    return domainFailure(error, formData);
  }
  return redirect(`/posts/${postId}`);
}

export default function EditPost() {
  const { t } = useTranslation(['forums', 'editor', 'common']);
  const { post } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  return (
    <div className="stack">
      <h2>{t('edit.title')}</h2>
      <p>{t('edit.historyNote')}</p>
      <Form method="post" className="stack" noValidate>
        <FormAlert error={errors.form} />
        <Composer
          draftKey={`edit:${post.id}`}
          label={t('edit.body')}
          error={errors.body ?? errors.bodyText}
          previousBody={value('body') || undefined}
          previousText={value('bodyText', post.text)}
          initialContent={post.body}
          language={value('language', post.languageSource === 'author' ? post.language : 'auto')}
        />
        <div className="actions">
          <button type="submit" className="button primary">
            {t('edit.save')}
          </button>
          <Link to={`/posts/${post.id}`} className="button">
            {t('edit.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
