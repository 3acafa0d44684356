import { useTranslation } from 'react-i18next';
import type { QueueItem } from '#app/domain/moderation/types';

/** Why an item is in the queue, at a glance: held (and why), reported, watched word, shielded official, reopened. */
export function CaseBadges({ item }: { item: Pick<QueueItem, 'held' | 'holdReason' | 'reportCount' | 'watchedPattern' | 'shielded' | 'reopened' | 'targetKind'> }) {
  const { t } = useTranslation('moderation');
  return (
    <p className="badges">
      {item.held ? <span className="badge badge-held">{t(`holdReasons.${item.holdReason ?? 'forum'}`)}</span> : null}
      {item.reportCount ? <span className="badge">{t('badges.reported')}</span> : null}
      {item.watchedPattern ? <span className="badge">{t('badges.watchedWord', { word: item.watchedPattern })}</span> : null}
      {item.shielded ? <span className="badge badge-shield">{t('badges.shielded')}</span> : null}
      {item.reopened ? <span className="badge">{t('badges.reopened')}</span> : null}
      {item.targetKind === 'user' ? <span className="badge">{t('badges.person')}</span> : null}
    </p>
  );
}
