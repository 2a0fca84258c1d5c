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
const chunks = {
  login: () => import('./pages/login'),
  map: () => import('./pages/situation'),
  alerts: () => import('./pages/alert-inbox'),
  alert: () => import('./pages/alert-page'),
  events: () => import('./pages/events'),
  event: () => import('./pages/event-board'),
  community: () => import('./pages/community'),
  channels: () => import('./pages/channels'),
  explorer: () => import('./pages/explorer'),
  drills: () => import('./pages/drills'),
  public: () => import('./pages/public'),
};
const pages = {
  login: lazy(chunks.login),
  map: lazy(chunks.map),
  alerts: lazy(chunks.alerts),
  alert: lazy(chunks.alert),
  events: lazy(chunks.events),
  event: lazy(chunks.event),
  community: lazy(chunks.community),
  channels: lazy(chunks.channels),
  explorer: lazy(chunks.explorer),
  drills: lazy(chunks.drills),
  public: lazy(chunks.public),
};

/**
 * The chunk of the page the browser opened, fetched at once rather than after the session check: the two
 * round trips overlap (React.lazy then finds the module already loaded).
 */
type Chunk = keyof typeof chunks;
/** The first path segment → the chunk of the list page, and of an item's page (/alerts/12). */
const CHUNK_OF_PATH: Readonly<Record<string, readonly [list: Chunk, item?: Chunk]>> = {
  login: ['login'],
  map: ['map'],
  alerts: ['alerts', 'alert'],
  events: ['events', 'event'],
  community: ['community'],
  channels: ['channels'],
  explorer: ['explorer'],
  drills: ['drills'],
  public: ['public'],
};

export function preloadCurrentPage(path: string): void {
  const [, first = '', second] = path.split('/');
  const entry = CHUNK_OF_PATH[first];
  if (!entry) return;
  void chunks[second ? (entry[1] ?? entry[0]) : entry[0]]();
}

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
