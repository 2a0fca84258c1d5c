import type { Role } from '../api/auth';
import type { MessageKey } from '../i18n/dictionary';

/** Which pages each role sees in the navigation, and where each role lands after logging in. */

export interface NavPage {
  readonly path: string;
  readonly label: MessageKey;
  /** Roles that see the page; `null`: everyone, logged in or not. */
  readonly roles: readonly Role[] | null;
}

const DESK: readonly Role[] = ['commander', 'analyst', 'duty_officer', 'admin'];

export const NAV_PAGES: readonly NavPage[] = [
  {
    path: '/map',
    label: 'nav.map',
    roles: [...DESK, 'supply_officer', 'ems_dispatcher', 'hotline_operator'],
  },
  { path: '/alerts', label: 'nav.alerts', roles: DESK },
  { path: '/events', label: 'nav.events', roles: [...DESK, 'supply_officer', 'ems_dispatcher'] },
  { path: '/community', label: 'nav.community', roles: ['community_worker', 'volunteer'] },
  {
    path: '/channels',
    label: 'nav.channels',
    roles: ['analyst', 'duty_officer', 'admin', 'facility_reporter'],
  },
  { path: '/explorer', label: 'nav.explorer', roles: ['analyst', 'commander', 'duty_officer', 'admin'] },
  { path: '/drills', label: 'nav.drills', roles: ['analyst', 'commander', 'admin'] },
  { path: '/public', label: 'nav.public', roles: null },
];

export function pagesFor(roles: readonly Role[]): NavPage[] {
  return NAV_PAGES.filter((p) => p.roles === null || p.roles.some((r) => roles.includes(r)));
}

/** The page a role's work starts on: the duty officer's inbox, the community worker's tasks, … */
export function homeFor(roles: readonly Role[]): string {
  if (roles.includes('duty_officer')) return '/alerts';
  if (roles.some((r) => r === 'community_worker' || r === 'volunteer')) return '/community';
  if (roles.includes('facility_reporter')) return '/channels';
  return pagesFor(roles)[0]?.path ?? '/public';
}
