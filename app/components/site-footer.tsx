import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

export function SiteFooter({ devMailbox }: { devMailbox: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <nav aria-label={t('nav.footer')}>
        <ul>
          <li>
            <Link to="/privacy">{t('personalData.privacy')}</Link>
          </li>
          <li>
            <Link to="/legal">{t('personalData.legal')}</Link>
          </li>
          <li>
            <Link to="/accessibility">{t('nav.accessibility')}</Link>
          </li>
          <li>
            <Link to="/accessibility/feedback">{t('nav.reportBarrier')}</Link>
          </li>
          {devMailbox ? (
            <li>
              <Link to="/dev/mail">{t('nav.devMail')}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <p>{t('footer.tagline')}</p>
    </footer>
  );
}
