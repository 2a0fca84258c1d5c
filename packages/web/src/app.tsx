import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import type { Role } from './api/auth';
import { setApiLanguage } from './api/http';
import { SessionProvider, useSession } from './auth/session';
import { LanguageProvider, useLanguage } from './i18n/language';
import { homeFor, NAV_PAGES } from './layout/nav';
import { RequireRole } from './layout/require-role';
import { Shell } from './layout/shell';
import { Loading } from './layout/status';

/** Each page is its own chunk: a route loads only the code of its page (and what that page imports). */
const pages = {
  login: lazy(() => import('./pages/login')),
  map: lazy(() => import('./pages/situation')),
  alerts: lazy(() => import('./pages/alert-inbox')),
  alert: lazy(() => import('./pages/alert-page')),
  events: lazy(() => import('./pages/events')),
  event: lazy(() => import('./pages/event-board')),
  community: lazy(() => import('./pages/community')),
  channels: lazy(() => import('./pages/channels')),
  explorer: lazy(() => import('./pages/explorer')),
  drills: lazy(() => import('./pages/drills')),
  public: lazy(() => import('./pages/public')),
};

const rolesOf = (path: string): readonly Role[] => NAV_PAGES.find((p) => p.path === path)?.roles ?? [];

function guarded(path: string, Page: LazyExoticComponent<ComponentType>) {
  return (
    <RequireRole roles={rolesOf(path)}>
      <Page />
    </RequireRole>
  );
}

function Home() {
  const { user, ready } = useSession();
  if (!ready) return <Loading />;
  return <Navigate to={user ? homeFor(user.roles) : '/login'} replace />;
}

function LanguageToApi() {
  const { language } = useLanguage();
  useEffect(() => {
    setApiLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
  setApiLanguage(language);
  return null;
}

export function App() {
  return (
    <LanguageProvider>
      <LanguageToApi />
      <SessionProvider>
        <BrowserRouter>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route element={<Shell />}>
                <Route index element={<Home />} />
                <Route path="login" element={<pages.login />} />
                <Route path="public" element={<pages.public />} />
                <Route path="map" element={guarded('/map', pages.map)} />
                <Route path="alerts" element={guarded('/alerts', pages.alerts)} />
                <Route path="alerts/:id" element={guarded('/alerts', pages.alert)} />
                <Route path="events" element={guarded('/events', pages.events)} />
                <Route path="events/:id" element={guarded('/events', pages.event)} />
                <Route path="community" element={guarded('/community', pages.community)} />
                <Route path="channels" element={guarded('/channels', pages.channels)} />
                <Route path="explorer" element={guarded('/explorer', pages.explorer)} />
                <Route path="drills" element={guarded('/drills', pages.drills)} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </SessionProvider>
    </LanguageProvider>
  );
}
