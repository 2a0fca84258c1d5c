import type { AlertLevel } from '../api/alerts';
import { LEVEL_COLOURS } from '../format/levels';
import { useLanguage } from '../i18n/language';

export function LevelBadge({ level }: { level: AlertLevel }) {
  const { t } = useLanguage();
  return (
    <span className={`badge level-${level}`} style={{ background: LEVEL_COLOURS[level] }}>
      {t(`level.${level}`)}
    </span>
  );
}
