import { redirect, type LinksFunction, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import editorStyles from '#app/editor/editor.css';
import { editPostSchema } from '#app/domain/forums/schemas';
import { getEditablePost } from '#app/domain/forums/posts.server';
import { newClientKey } from '#app/domain/forums/client-key.server';
import { editPost } from '#app/domain/posting/posting.server';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireId, routeAction, routeLoader, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { FormAlert } from '#app/components/ui/field';
import { Composer } from '#app/components/forums/composer';

export const handle = { i18n: ['common', 'forums', 'editor'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const post = await getEditablePost(actor, { townId: town.id, postId: requireId(args.params.postId) });
  return { title: await pageTitle(args, 'forums:edit.title'), post, townSlug: town.slug, clientKey: newClientKey() };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const postId = requireId(args.params.postId);
  return formAction(args.request, editPostSchema, async (input) => {
    // Inside attempt: while the database is down these fail too, and the edited text must still be kept.
    const { actor, town } = await signedInTownPage(args);
    await editPost(actor, { ...input, townId: town.id, postId });
    return redirect(`/posts/${postId}`);
  }, { keep: { field: 'bodyText', label: 'forums:edit.body' } });
});

export default function EditPost() {
  const { t } = useTranslation(['forums', 'editor', 'common']);
  const { post, clientKey } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm(editPostSchema);
  return (
    <div className="stack">
      <h2>{t('edit.title')}</h2>
      <p>{t('edit.historyNote')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <Composer
          fields={fields}
          draftKey={`edit:${post.id}`}
          clientKey={clientKey}
          label={t('edit.body')}
          initialContent={post.body}
          defaultLanguage={post.languageSource === 'author' ? post.language : 'auto'}
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
