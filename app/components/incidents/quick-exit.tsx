/**
 * "Quick exit" on every incident page: leaves for a neutral page at once. With JavaScript the current history
 * entry is replaced, so Back does not return to the incident; without it, it is a plain link.
 * (The handler is part of the page's module bundle: nothing inline under the CSP.)
 */
import { useTranslation } from 'react-i18next';

export const QUICK_EXIT_TARGET = '/';

export function QuickExit() {
  const { t } = useTranslation('incidents');
  return (
    <a
      href={QUICK_EXIT_TARGET}
      className="quick-exit"
      data-testid="quick-exit"
      onClick={(event) => {
        event.preventDefault();
        window.location.replace(QUICK_EXIT_TARGET);
      }}
    >
      {t('quickExit.label')}
      <span className="visually-hidden"> {t('quickExit.hint')}</span>
    </a>
  );
}
