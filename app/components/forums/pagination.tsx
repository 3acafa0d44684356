import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** Page links: first, a window around the current page, last. */
export function Pagination({ page, lastPage, link, label }: { page: number; lastPage: number; link: (page: number) => string; label: string }) {
  const { t } = useTranslation('forums');
  if (lastPage <= 1) return null;
  const pages = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, lastPage])].filter((n) => n >= 1 && n <= lastPage).sort((a, b) => a - b);
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {pages.map((n, i) => (
          <li key={n}>
            {i > 0 && n - pages[i - 1] > 1 ? <span aria-hidden="true">… </span> : null}
            {n === page ? (
              <span aria-current="page" className="current">
                <span className="visually-hidden">{t('pagination.page')} </span>
                {n}
              </span>
            ) : (
              <Link to={link(n)}>
                <span className="visually-hidden">{t('pagination.page')} </span>
                {n}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
