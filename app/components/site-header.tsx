import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './language-switcher';

export function SiteHeader({ user, language }: { user: { displayName: string; isNetworkTeam: boolean; unreadNotifications: number } | null; language: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        <nav aria-label={t('nav.main')} className="main-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.towns')}
              </NavLink>
            </li>
            {user?.isNetworkTeam ? (
              <li>
                <NavLink to="/network">{t('nav.network')}</NavLink>
              </li>
            ) : null}
            {user ? (
              <>
                <li>
                  <NavLink to="/notifications">
                    {t('nav.notifications')}
                    {user.unreadNotifications ? (
                      <span className="count-badge">
                        {user.unreadNotifications}
                        <span className="visually-hidden"> {t('nav.unread')}</span>
                      </span>
                    ) : null}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/account">{t('nav.account', { name: user.displayName })}</NavLink>
                </li>
                <li>
                  <Form method="post" action="/logout" reloadDocument>
                    <button type="submit" className="link-button">
                      {t('nav.signOut')}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('nav.signIn')}</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">{t('nav.signUp')}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <LanguageSwitcher current={language} />
      </div>
    </header>
  );
}
