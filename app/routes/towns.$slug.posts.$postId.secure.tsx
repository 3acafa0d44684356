import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { securablePost, securePost } from '#app/domain/incidents/evidence-posts.server';
import { INCIDENT_KINDS } from '#app/domain/incidents/evidence/record-content';
import { INCIDENT_TIME_ZONE, secureSchema } from '#app/domain/incidents/schemas';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireId, routeAction, routeLoader, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';
import { ChoiceGroup, FormAlert, Notice, SelectField, TextAreaField } from '#app/components/ui/field';
import { QuickExit } from '#app/components/incidents/quick-exit';
import incidentStyles from '#app/styles/incidents.css';

export const handle = { i18n: ['common', 'incidents', 'forums'] };
export const links = () => [{ rel: 'stylesheet', href: incidentStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const post = await securablePost(actor, { townId: town.id, postId: requireId(args.params.postId) });
  return {
    title: await pageTitle(args, 'incidents:secure.pageTitle'),
    slug: town.slug,
    post,
    secured: new URL(args.request.url).searchParams.has('secured'),
  };
});

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const postId = requireId(args.params.postId);
  await securablePost(actor, { townId: town.id, postId });
  return formAction(args.request, secureSchema, async (input) => {
    const { incidentId } = await securePost(actor, {
      townId: town.id, postId, incident: input.incident === 'new' ? 'new' : Number(input.incident), kind: input.kind, forOfficial: input.forOfficial, note: input.note,
    });
    return redirect(incidentId ? `/towns/${town.slug}/incidents/${incidentId}?added=snapshot` : `/towns/${town.slug}/posts/${postId}/secure?secured=1`);
  });
});

/** Freeze a post, with the thread around it, into an incident: later edits or deletion do not change it. */
export default function SecurePost() {
  const { t } = useTranslation(['incidents', 'forums']);
  const { slug, post, secured } = useLoaderData<typeof loader>();
  const time = useDateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: INCIDENT_TIME_ZONE });
  const [form, fields] = useAppForm(secureSchema, {
    defaultValue: { incident: 'new', kind: 'insult', forOfficial: post.officials[0]?.userId },
  });
  return (
    <div className="stack narrow">
      {/* Outside the incidents layout, so the quick exit every incident page has is added here. */}
      <QuickExit />
      <h2>{t('secure.heading')}</h2>
      {secured ? <Notice>{t('secure.securedFor')}</Notice> : null}
      <p>{post.isOfficial ? t('secure.intro') : t('secure.introModerator')}</p>
      <figure className="card">
        <figcaption className="timeline-meta">
          {t('snapshots.byline', { author: post.author ?? t('forums:post.formerMember'), date: time(post.postedAt) })} · <bdi>{post.threadTitle}</bdi>
          {post.deleted ? <> · {t('secure.deleted')}</> : post.status === 'hidden' ? <> · {t('secure.hidden')}</> : null}
        </figcaption>
        <blockquote dir="auto">{post.excerpt}</blockquote>
      </figure>
      {post.isOfficial || post.officials.length ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormAlert errors={form.errors} />
          {post.isOfficial ? (
            <ChoiceGroup
              field={fields.incident}
              legend={t('secure.into')}
              options={[{ value: 'new', label: t('secure.newIncident') }, ...post.incidents.map((i) => ({ value: String(i.id), label: t('secure.existing', { reference: i.reference, excerpt: i.excerpt }) }))]}
            />
          ) : (
            <>
              <input type="hidden" name="incident" value="new" />
              <SelectField field={fields.forOfficial} label={t('secure.forOfficial')} options={post.officials.map((o) => ({ value: o.userId, label: o.name }))} />
            </>
          )}
          <SelectField field={fields.kind} label={t('secure.kind')} hint={t('secure.kindHint')} options={INCIDENT_KINDS.map((kind) => ({ value: kind, label: t(`caseFile.kind.${kind}`) }))} />
          <TextAreaField field={fields.note} label={t('secure.note')} rows={3} dir="auto" />
          <button type="submit" className="button primary">
            {t('secure.submit')}
          </button>
        </Form>
      ) : (
        <p>{t('secure.noOfficials')}</p>
      )}
      <p>
        <Link to={`/towns/${slug}/threads/${post.threadId}`}>{t('secure.back')}</Link>
      </p>
    </div>
  );
}
