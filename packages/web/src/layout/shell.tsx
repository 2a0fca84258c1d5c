import { useCallback, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { useLanguage } from '../i18n/language';
import { useAlertEvents, useStreamStatus, type AlertStreamEvent } from '../live/alert-stream';
import { pagesFor } from './nav';

/**
 * The frame around every page: the navigation the user's roles allow, language, user, and for the roles
 * that read alerts the live stream's state and a count of alerts opened since the page was loaded.
 */
export function Shell() {
  const { t, language, setLanguage } = useLanguage();
  const { user, logout, hasRole } = useSession();
  const navigate = useNavigate();
  const pages = pagesFor(user?.roles ?? []);
  const watching = hasRole('commander', 'analyst', 'duty_officer', 'admin');
  return (
    <div className="shell">
      <header className="top">
        <span className="brand">
          {t('app.name')} · {t('app.title')}
        </span>
        <nav>
          {pages.map((p) => (
            <NavLink key={p.path} to={p.path}>
              {t(p.label)}
              {p.path === '/alerts' && watching && <NewAlerts />}
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        {watching && <LiveDot />}
        <button
          type="button"
          className="link"
          data-testid="language-switch"
          onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
        >
          {t('lang.switch')}
        </button>
        {user ? (
          <>
            <span className="user" data-testid="user">
              {user.displayName ?? user.username}
            </span>
            <button
              type="button"
              className="link"
              onClick={() => void logout().then(() => navigate('/login'))}
            >
              {t('nav.logout')}
            </button>
          </>
        ) : (
          <NavLink to="/login">{t('nav.login')}</NavLink>
        )}
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}

/** Alerts opened since the page was loaded (the server sends only those of the user's jurisdiction). */
function NewAlerts() {
  const { t } = useLanguage();
  const [count, setCount] = useState(0);
  useAlertEvents(
    useCallback((event: AlertStreamEvent) => {
      if (event.type === 'opened') setCount((n) => n + 1);
    }, []),
  );
  return count > 0 ? (
    <span className="count" title={t('alerts.new')} data-testid="new-alerts">
      {count}
    </span>
  ) : null;
}

function LiveDot() {
  const { t } = useLanguage();
  const live = useStreamStatus();
  return (
    <span className={live ? 'live on' : 'live'} data-testid="live">
      ● {live ? t('common.live') : t('common.offline')}
    </span>
  );
}
