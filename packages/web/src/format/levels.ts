import type { AlertLevel } from '../api/alerts';

/** Colours of the alert levels (GB/T 预警 colours) and the map's colour for "no open alert". */
export const LEVEL_COLOURS: Record<AlertLevel, string> = {
  blue: '#2f6fdb',
  yellow: '#f2c200',
  orange: '#f07c00',
  red: '#d62d2d',
};
export const NO_ALERT_COLOUR = '#d9e6dc';

export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
}
