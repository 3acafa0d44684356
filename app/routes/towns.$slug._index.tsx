import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { joinTown, leaveTown } from '#app/domain/municipalities/towns.server';
import { listForums } from '#app/domain/forums/forums.server';
import { canJoinTown } from '#app/domain/auth/permissions';
import { z } from 'zod';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useFormReply } from '#app/web/form';
import { languageOf, pageTitle } from '#app/web/page.server';
import { routeAction, routeLoader, townPage, signedInTownPage } from '#app/web/guard.server';
import { LANGUAGE_NAMES, type Language } from '#app/i18n/languages';
import { FormAlert, Notice } from '#app/components/ui/field';
import { useDateFormat } from '#app/components/use-date-format';
import { upcomingEventsTeaser } from '#app/web/dialogues.server';

export const handle = { i18n: ['common', 'towns', 'forums', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await townPage(args);
  return {
    title: await pageTitle(args, 'towns:town.title', { town: town.name }),
    languages: town.languages,
    signedIn: !!actor,
    verified: actor?.emailVerified ?? false,
    role: actor?.roles[town.id] ?? null,
    canJoin: canJoinTown(actor, town.id),
    joined: new URL(args.request.url).searchParams.has('joined'),
    slug: town.slug,
    forums: await listForums(actor, { townId: town.id, language: await languageOf(args.request, args.context) }),
    events: await upcomingEventsTeaser(args, { actor, townId: town.id }),
  };
});

const membershipSchema = z.object({ intent: z.enum(['join', 'leave']) });

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const submission = await parseSubmission(args.request, membershipSchema);
  if (submission.status !== 'success') return rejected(submission, membershipSchema);
  return attempt(args.request, submission, membershipSchema, async () => {
    if (submission.value.intent === 'leave') {
      await leaveTown(actor, { townId: town.id });
      return redirect(`/towns/${town.slug}`);
    }
    await joinTown(actor, { townId: town.id });
    return redirect(`/towns/${town.slug}?joined=1`);
  });
});

export default function TownOverview() {
  const { t } = useTranslation(['towns', 'common', 'forums']);
  const { languages, signedIn, role, canJoin, verified, joined, forums, slug, events } = useLoaderData<typeof loader>();
  const formatDate = useDateFormat();
  const joinReply = useFormReply('join');
  const leaveReply = useFormReply('leave');
  const reply = joinReply ?? leaveReply;
  return (
    <div className="stack">
      {joined ? <Notice>{t('town.joined')}</Notice> : null}
      <FormAlert errors={reply?.error?.[''] ?? undefined} />
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
      {events.length ? (
        <section className="card" aria-labelledby="events-heading">
          <h2 id="events-heading">{t('dialogues:list.upcomingLink')}</h2>
          <ul className="plain-list">
            {events.map((event) => (
              <li key={event.id}>
                <Link to={event.path} lang={event.textLanguage} dir="auto">
                  {event.title}
                </Link>{' '}
                <span className="meta">{event.when}</span>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/towns/${slug}/events`}>{t('dialogues:list.title')}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="forums-heading">
        <h2 id="forums-heading">{t('town.dialogueHeading')}</h2>
        {forums.length === 0 ? <p>{t('town.dialogueText')}</p> : null}
        <ul className="forum-list">
          {forums.map((forum) => (
            <li key={forum.id} className="card">
              <h3>
                <Link to={`/towns/${slug}/forums/${forum.slug}`} lang={forum.textLanguage}>
                  {forum.name}
                </Link>
              </h3>
              {forum.description ? <p lang={forum.textLanguage}>{forum.description}</p> : null}
              <p className="meta">
                {t('forums:forum.threadCount', { count: forum.threadCount })} · {t('forums:forum.postCount', { count: forum.postCount })}
                {forum.lastPostAt ? <> · {t('forums:forum.lastActivity', { when: formatDate(forum.lastPostAt) })}</> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
