/**
 * "Quick exit" on every incident page (and the secure-as-evidence page): leaves for a neutral page at once. With
 * JavaScript the current history entry is first overwritten with the neutral address and then replaced by the
 * neutral page, so Back does not return to the incident; without it, it is a plain link.
 * (The handler is part of the page's module bundle: nothing inline under the CSP.)
 */
import { useTranslation } from 'react-i18next';

export const QUICK_EXIT_TARGET = '/';

type ExitWindow = { history: Pick<History, 'replaceState'>; location: Pick<Location, 'replace'> };

/** Leaves without a trace in the back list: the current entry is replaced, never a new one added. */
export function leaveNow(win: ExitWindow = window): void {
  try {
    // The current entry no longer names the incident page, even before the neutral page has loaded.
    win.history.replaceState(null, '', QUICK_EXIT_TARGET);
  } catch {
    // Some browsers refuse history changes in odd states; the replace below still leaves.
  }
  win.location.replace(QUICK_EXIT_TARGET);
}

export function QuickExit() {
  const { t } = useTranslation('incidents');
  return (
    <a
      href={QUICK_EXIT_TARGET}
      className="quick-exit"
      data-testid="quick-exit"
      onClick={(event) => {
        event.preventDefault();
        leaveNow();
      }}
    >
      {t('quickExit.label')}
      <span className="visually-hidden"> {t('quickExit.hint')}</span>
    </a>
  );
}
