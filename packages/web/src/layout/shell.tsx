import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { useLanguage } from '../i18n/language';
import { useStreamStatus } from '../live/alert-stream';
import { pagesFor } from './nav';

/** The frame around every page: the navigation the user's roles allow, the live dot, language, user. */
export function Shell() {
  const { t, language, setLanguage } = useLanguage();
  const { user, logout } = useSession();
  const live = useStreamStatus();
  const navigate = useNavigate();
  const pages = pagesFor(user?.roles ?? []);
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
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        {user && (
          <span className={live ? 'live on' : 'live'} title={live ? t('common.live') : t('common.offline')}>
            ● {live ? t('common.live') : t('common.offline')}
          </span>
        )}
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
