import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/auth';
import { useSession } from '../auth/session';
import { useLanguage } from '../i18n/language';

/** A page for logged-in users with one of `roles`; others go to the login page. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user, ready, hasRole } = useSession();
  const { t } = useLanguage();
  const location = useLocation();
  if (!ready) return <p className="muted">{t('common.loading')}</p>;
  if (!user || !hasRole(...roles)) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  return children;
}
