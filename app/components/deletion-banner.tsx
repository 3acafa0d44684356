import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from './use-date-format';

/** On every page while the account is due to be deleted: when, and the way back. */
export function DeletionBanner({ due }: { due: string | Date }) {
  const { t } = useTranslation();
  const formatDay = useDateFormat({ dateStyle: 'long' });
  return (
    <div className="alert alert-warning deletion-banner">
      {t('personalData.deletionDue', { date: formatDay(due) })} <Link to="/account/privacy">{t('personalData.keepAccount')}</Link>
    </div>
  );
}
