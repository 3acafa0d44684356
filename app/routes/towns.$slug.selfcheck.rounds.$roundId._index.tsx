import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { canRunSelfcheck } from '#app/domain/selfcheck/access';
import { closeRoundSchema, inviteSchema } from '#app/domain/selfcheck/schemas';
import { closeRound, getRoundProgress, inviteRespondents, listInvitableMembers } from '#app/domain/selfcheck/rounds.server';
import { useRoundProgressLive } from '#app/realtime/use-selfcheck-live';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireId, requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { CheckboxField, ChoiceGroup, FormAlert, Notice } from '#app/components/ui/field';
import { useDateFormat } from '#app/components/use-date-format';
import selfcheckStyles from '#app/styles/selfcheck.css';

export const handle = { i18n: ['common', 'selfcheck', 'towns'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: selfcheckStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canRunSelfcheck);
  const roundId = requireId(args.params.roundId);
  const round = await getRoundProgress(actor, { townId: town.id, roundId });
  const url = new URL(args.request.url);
  return {
    title: await pageTitle(args, 'selfcheck:round.pageTitle', { round: round.title }),
    slug: town.slug,
    round,
    invitable: round.status === 'open' ? await listInvitableMembers(actor, { townId: town.id, roundId }) : [],
    notice: ['opened', 'invited'].find((n) => url.searchParams.has(n)) ?? null,
  };
});

const roundActionSchema = z.discriminatedUnion('intent', [inviteSchema, closeRoundSchema]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canRunSelfcheck);
  const roundId = requireId(args.params.roundId);
  const base = `/towns/${town.slug}/selfcheck/rounds/${roundId}`;
  return formAction(args.request, roundActionSchema, async (input) => {
    if (input.intent === 'invite') {
      await inviteRespondents(actor, { townId: town.id, roundId, userIds: input.userIds });
      return redirect(`${base}?invited`);
    }
    await closeRound(actor, { townId: town.id, roundId });
    return redirect(`${base}/results?closed`);
  });
});

export default function RoundProgress() {
  const { t } = useTranslation(['selfcheck', 'towns', 'common']);
  const { slug, round, invitable, notice } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useRoundProgressLive(round.id, round.status === 'open', () => revalidator.revalidate());
  const when = useDateFormat();
  const base = `/towns/${slug}/selfcheck`;
  return (
    <div className="stack selfcheck-page">
      <p>
        <Link to={base}>{t('round.back')}</Link>
      </p>
      <h2>
        <bdi>{round.title}</bdi> <span className="badge">{t(`round.status.${round.status}`)}</span>
      </h2>
      {notice ? <Notice>{t(`round.notice.${notice}`)}</Notice> : null}
      <section className="card" aria-labelledby="progress-heading">
        <h3 id="progress-heading">{t('round.progress')}</h3>
        <p className="meta" aria-live="polite" data-testid="progress-summary">
          {t('round.progressSummary', { finished: round.finished, total: round.respondents })}
        </p>
        {round.progress.length === 0 ? (
          <p>{t('round.noRespondents')}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t('round.progress')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('round.respondent')}</th>
                <th scope="col">{t('round.answered')}</th>
                <th scope="col">{t('round.lastSaved')}</th>
                <th scope="col">{t('round.finishedColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {round.progress.map((p) => (
                <tr key={p.userId} data-testid="respondent-row">
                  <th scope="row">
                    <bdi>{p.displayName}</bdi>
                    {p.role ? <span className="meta"> · {t(`towns:roles.${p.role}`)}</span> : null}
                  </th>
                  <td data-testid="answered">
                    <progress max={p.questions} value={p.answered} aria-label={t('round.answeredOf', { answered: p.answered, questions: p.questions, name: p.displayName })} />{' '}
                    {t('round.answeredCount', { answered: p.answered, questions: p.questions })}
                  </td>
                  <td>{p.lastSavedAt ? when(p.lastSavedAt) : t('round.notYet')}</td>
                  <td>{p.finishedAt ? t('round.finishedAt', { date: when(p.finishedAt) }) : t('round.notYet')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {round.status === 'open' ? (
        <>
          <InviteForm invitable={invitable} />
          <CloseForm />
        </>
      ) : (
        <p>
          <Link to={`${base}/rounds/${round.id}/results`} className="button primary">
            {t('round.seeResults')}
          </Link>
        </p>
      )}
    </div>
  );
}

function InviteForm({ invitable }: { invitable: { userId: string; displayName: string; role: string }[] }) {
  const { t } = useTranslation(['selfcheck', 'towns']);
  const [form, fields] = useAppForm(inviteSchema, { formName: 'invite', id: 'invite' });
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t('round.invite')}</h3>
      {invitable.length === 0 ? (
        <p>{t('round.everyoneInvited')}</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="invite" />
          <FormAlert errors={form.errors} />
          <ChoiceGroup
            field={fields.userIds}
            type="checkbox"
            legend={t('round.inviteLegend')}
            hint={t('round.inviteHint')}
            className="checkbox-grid"
            options={invitable.map((m) => ({ value: m.userId, label: `${m.displayName} (${t(`towns:roles.${m.role}`)})` }))}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('round.inviteSubmit')}
          </button>
        </Form>
      )}
    </section>
  );
}

function CloseForm() {
  const { t } = useTranslation('selfcheck');
  const [form, fields] = useAppForm(closeRoundSchema, { formName: 'close-round', id: 'close-round' });
  return (
    <section className="card" aria-labelledby="close-heading">
      <h3 id="close-heading">{t('round.close')}</h3>
      <p>{t('round.closeExplain')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="close-round" />
        <FormAlert errors={form.errors} />
        <CheckboxField field={fields.confirm} label={t('round.closeConfirm')} />
        <button type="submit" className="button danger">
          {t('round.closeSubmit')}
        </button>
      </Form>
    </section>
  );
}
