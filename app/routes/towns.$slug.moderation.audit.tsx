import { type MetaFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { canModerate } from '#app/domain/auth/permissions';
import { listAudit } from '#app/domain/moderation/audit.server';
import { auditFilterSchema } from '#app/domain/moderation/schemas';
import { requireMember, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const url = new URL(args.request.url);
  const parsed = auditFilterSchema.safeParse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')));
  const filter = parsed.success ? parsed.data : {};
  const { rows, next, actions } = await listAudit(actor, { ...filter, townId: town.id });
  return { title: await pageTitle(args, 'moderation:audit.pageTitle', { town: town.name }), slug: town.slug, rows, next, actions, filter };
});

/** The append-only log of every moderation action in the town, newest first, filterable. */
export default function AuditLog() {
  const { t } = useTranslation(['moderation', 'common']);
  const { rows, next, actions, filter } = useLoaderData<typeof loader>();
  const when = useDateFormat();
  const nextParams = new URLSearchParams({ ...(filter as Record<string, string>), before: String(next ?? '') });
  return (
    <div className="stack">
      <h2>{t('audit.title')}</h2>
      <p>{t('audit.intro')}</p>
      <form method="get" className="filter-form">
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">{t('audit.allActions')}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`, { defaultValue: action })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-moderator">{t('audit.moderator')}</label>
          <input id="audit-moderator" name="moderator" defaultValue={filter.moderator ?? ''} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ''} />
        </div>
        <button type="submit" className="button">
          {t('audit.filter')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.by')}</th>
              <th scope="col">{t('audit.concerns')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="audit-row">
                <td>{when(row.createdAt)}</td>
                <td>{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</td>
                <td>{row.actorName ? <bdi>{row.actorName}</bdi> : t('audit.system')}</td>
                <td>
                  {row.decisionId ? <Link to={`/decisions/${row.decisionId}`}>{t('audit.decision', { id: row.decisionId })}</Link> : null}
                  {row.caseId && !row.decisionId ? t('audit.case', { id: row.caseId }) : null}
                  {row.subjectName ? (
                    <>
                      {' · '}
                      <bdi>{row.subjectName}</bdi>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <p>
          <Link to={`?${nextParams}`}>{t('audit.older')}</Link>
        </p>
      ) : null}
    </div>
  );
}
