import { useTranslation } from 'react-i18next';
import type { DecisionView } from '#app/domain/moderation/types';
import { useDateFormat } from '#app/components/use-date-format';
import { actionLabelKey } from './decision-form';

/**
 * The statement of reasons as the person affected reads it (DSA art. 17(3)): what was decided, on which
 * rule or legal ground, the facts, whether automation was involved, how long it lasts, and how to appeal.
 */
export function StatementOfReasons({ decision, headingLevel = 2 }: { decision: DecisionView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('moderation');
  const when = useDateFormat();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card stack statement" aria-labelledby={`statement-${decision.id}`}>
      <Heading id={`statement-${decision.id}`}>{t('statement.heading')}</Heading>
      <dl className="statement-list">
        <dt>{t('statement.decision')}</dt>
        <dd data-testid="statement-action">{t(actionLabelKey(decision.action, !!decision.eventTitle && !decision.postId))}</dd>
        <dt>{t('statement.concerns')}</dt>
        <dd>
          {decision.threadTitle
            ? t('statement.thread', { title: decision.threadTitle })
            : decision.eventTitle
              ? t('statement.question', { title: decision.eventTitle })
              : t('statement.account', { town: decision.townName })}
          {decision.postExcerpt ? <blockquote dir="auto">{decision.postExcerpt}</blockquote> : null}
        </dd>
        <dt>{t('statement.ground')}</dt>
        <dd>{t(`grounds.${decision.ground}`)}</dd>
        <dt>{t('statement.facts')}</dt>
        <dd dir="auto" data-testid="statement-facts">
          {decision.facts}
        </dd>
        <dt>{t('statement.automation')}</dt>
        <dd>{decision.automated ? t('statement.automatedYes') : t('statement.automatedNo')}</dd>
        <dt>{t('statement.duration')}</dt>
        <dd>{decision.endsAt ? t('statement.until', { date: when(decision.endsAt) }) : t('statement.noDuration')}</dd>
        <dt>{t('statement.decidedAt')}</dt>
        <dd>
          {when(decision.createdAt)}
          {' · '}
          {decision.moderatorName ? <bdi>{decision.moderatorName}</bdi> : t('statement.team')}
        </dd>
        <dt>{t('statement.redress')}</dt>
        <dd>{t('statement.redressText', { date: when(decision.appealableUntil) })}</dd>
      </dl>
      {decision.reversedAt ? <p className="alert alert-success">{t('statement.reversed', { date: when(decision.reversedAt) })}</p> : null}
    </section>
  );
}
