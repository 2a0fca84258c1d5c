import { ApiFailure } from '../api/http';
import { useLanguage } from '../i18n/language';

/** Loading and error lines every view shows the same way. */
export function Loading() {
  const { t } = useLanguage();
  return <p className="muted">{t('common.loading')}</p>;
}

export function Failure({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useLanguage();
  const missing = error instanceof ApiFailure && error.status === 404 && error.code === 'not-found';
  return (
    <p className="error" role="alert">
      {t('common.error')}: {error.message}
      {missing && <> ({t('common.notAvailable')})</>}
      {retry && (
        <button type="button" className="link" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </p>
  );
}
