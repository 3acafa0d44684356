import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHydrated } from '#app/editor/rich-text-editor';
import { LanguageSwitcher } from './language-switcher';

export interface HeaderUser {
  displayName: string;
  isNetworkTeam: boolean;
  unreadNotifications: number;
  /** Open cases and appeals in each town this person moderates. */
  moderation: { townSlug: string; townName: string; open: number }[];
}

function Count({ count, label }: { count: number; label: string }) {
  if (!count) return null;
  return (
    <span className="count-badge">
      {count}
      <span className="visually-hidden"> {label}</span>
    </span>
  );
}

/**
 * One line on a wide screen; on a phone the brand and a menu button (with JavaScript — without it, the
 * navigation simply wraps). Staff see the work waiting for them in every town they moderate.
 */
export function SiteHeader({ user, language }: { user: HeaderUser | null; language: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const hydrated = useHydrated();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <header className="site-header" data-menu={hydrated ? (menuOpen ? 'open' : 'closed') : undefined}>
      <div className="site-header-inner">
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        {hydrated ? (
          <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="site-menu" onClick={() => setMenuOpen((open) => !open)}>
            {t('nav.menu')}
          </button>
        ) : null}
        <div className="site-menu" id="site-menu">
          <nav aria-label={t('nav.main')} className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.towns')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/network/events">{t('nav.events')}</NavLink>
              </li>
              {user?.isNetworkTeam ? (
                <li>
                  <NavLink to="/network">{t('nav.network')}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          {user ? (
            <nav aria-label={t('nav.personal')} className="user-nav">
              <ul>
                {user.moderation.map((town) => (
                  <li key={town.townSlug}>
                    <NavLink to={`/towns/${town.townSlug}/moderation`} data-testid="header-queue">
                      {user.moderation.length > 1 ? t('nav.queueOf', { town: town.townName }) : t('nav.queue')}
                      <Count count={town.open} label={t('nav.open')} />
                    </NavLink>
                  </li>
                ))}
                <li>
                  <NavLink to="/notifications">
                    {t('nav.notifications')}
                    <Count count={user.unreadNotifications} label={t('nav.unread')} />
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/account" className="account-link" aria-label={t('nav.account', { name: user.displayName })}>
                    <bdi>{user.displayName}</bdi>
                  </NavLink>
                </li>
                <li>
                  <Form method="post" action="/logout" reloadDocument>
                    <button type="submit" className="link-button">
                      {t('nav.signOut')}
                    </button>
                  </Form>
                </li>
              </ul>
            </nav>
          ) : (
            <nav aria-label={t('nav.personal')} className="user-nav">
              <ul>
                <li>
                  <NavLink to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('nav.signIn')}</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">{t('nav.signUp')}</NavLink>
                </li>
              </ul>
            </nav>
          )}
          <LanguageSwitcher current={language} />
        </div>
      </div>
    </header>
  );
}
