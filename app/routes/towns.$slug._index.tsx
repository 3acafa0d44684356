import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { joinTown, leaveTown } from '#app/domain/municipalities/towns.server';
import { listForums } from '#app/domain/forums/forums.server';
import { canJoinTown } from '#app/domain/auth/permissions';
import { domainFailure } from '#app/forms.server';
import { getActor, requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';
import { FormAlert, Notice } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'towns', 'forums'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const town = await requireTown(params.slug);
  const actor = await getActor(request, context);
  return {
    title: await pageTitle(request, context, 'towns:town.title', { town: town.name }),
    languages: town.languages,
    signedIn: !!actor,
    verified: actor?.emailVerified ?? false,
    role: actor?.roles[town.id] ?? null,
    canJoin: canJoinTown(actor, town.id),
    joined: new URL(request.url).searchParams.has('joined'),
    slug: town.slug,
    forums: (await listForums(town.id)).map((f) => ({ ...f, lastPostAt: f.lastPostAt?.toISOString() ?? null })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const formData = await request.formData();
  try {
    if (formData.get('intent') === 'leave') {
      await leaveTown(actor, town.id);
      return redirect(`/towns/${town.slug}`);
    }
    await joinTown(actor, town.id);
  } catch (error) {
    return domainFailure(error, formData);
  }
  return redirect(`/towns/${town.slug}?joined=1`);
}

export default function TownOverview() {
  const { t, i18n } = useTranslation(['towns', 'common', 'forums']);
  const { languages, signedIn, role, canJoin, verified, joined, forums, slug } = useLoaderData<typeof loader>();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const { errors } = useFormFailure();
  return (
    <div className="stack">
      {joined ? <Notice>{t('town.joined')}</Notice> : null}
      <FormAlert error={errors.form} />
      <section className="card" aria-labelledby="participate-heading">
        <h2 id="participate-heading">{t('town.participate')}</h2>
        {!signedIn ? (
          <p>
            {t('town.signInToJoin')} <Link to="/login">{t('common:nav.signIn')}</Link> · <Link to="/signup">{t('common:nav.signUp')}</Link>
          </p>
        ) : role ? (
          <Form method="post">
            <p>{t('town.memberText')}</p>
            <button type="submit" name="intent" value="leave" className="button">
              {t('town.leave')}
            </button>
          </Form>
        ) : canJoin ? (
          <Form method="post">
            <p>{t('town.joinText')}</p>
            <button type="submit" name="intent" value="join" className="button primary">
              {t('town.join')}
            </button>
          </Form>
        ) : !verified ? (
          <p>{t('errors.verifyFirst')}</p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="languages-heading">
        <h2 id="languages-heading">{t('town.languages')}</h2>
        <ul className="inline-list">
          {languages.map((lng) => (
            <li key={lng} lang={lng}>
              {LANGUAGE_NAMES[lng as Language] ?? lng}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="forums-heading">
        <h2 id="forums-heading">{t('town.dialogueHeading')}</h2>
        {forums.length === 0 ? <p>{t('town.dialogueText')}</p> : null}
        <ul className="forum-list">
          {forums.map((forum) => (
            <li key={forum.id} className="card">
              <h3>
                <Link to={`/towns/${slug}/forums/${forum.slug}`}>{forum.name}</Link>
              </h3>
              {forum.description ? <p>{forum.description}</p> : null}
              <p className="meta">
                {t('forums:forum.threadCount', { count: forum.threadCount })} · {t('forums:forum.postCount', { count: forum.postCount })}
                {forum.lastPostAt ? <> · {t('forums:forum.lastActivity', { when: when.format(new Date(forum.lastPostAt)) })}</> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
