import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { listAlerts, type Alert } from '../api/alerts';
import { listVerifications, type Verification } from '../api/verification';
import { useSession } from '../auth/session';
import { formatDateTime } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { LevelBadge } from '../layout/level-badge';
import { Failure, Loading } from '../layout/status';
import { useAlertEvents, type AlertStreamEvent } from '../live/alert-stream';

/**
 * View 2: the duty officer's open alerts in their jurisdiction (the server scopes the list; the place
 * filter asks for the same), the ones with the nearest verification deadline first.
 */
export default function AlertInboxPage() {
  const { t, pick, language } = useLanguage();
  const { user } = useSession();
  const place = user?.jurisdiction && user.jurisdiction.length > 4 ? user.jurisdiction : undefined;
  const data = useLoad(async () => {
    const [alerts, verifications] = await Promise.all([
      listAlerts({ status: 'open', ...(place ? { place } : {}) }),
      listVerifications().catch(() => ({ items: [] as Verification[], next: null })),
    ]);
    return { alerts: alerts.items, verifications: new Map(verifications.items.map((v) => [v.alert.id, v])) };
  }, [place]);
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const reload = data.reload;
  useAlertEvents(
    useCallback(
      (event: AlertStreamEvent) => {
        if (place && !event.alert.placeCode.startsWith(place)) return;
        setFresh((s) => new Set(s).add(event.alert.id));
        reload();
      },
      [place, reload],
    ),
  );

  const rows = useMemo(() => {
    if (!data.value) return [];
    const { alerts, verifications } = data.value;
    const due = (a: Alert) => verifications.get(a.id)?.dueAt ?? '9999';
    return [...alerts].sort((a, b) => due(a).localeCompare(due(b)) || b.id - a.id);
  }, [data.value]);

  if (data.error) return <Failure error={data.error} retry={data.reload} />;
  if (!data.value) return <Loading />;
  const now = Date.now();
  return (
    <section>
      <h1>
        {t('alerts.title')}
        {place && (
          <small className="muted">
            {' '}
            · {t('alerts.jurisdiction')} {rows[0] ? pick(rows[0].placeName, rows[0].placeNameEn) : place}
          </small>
        )}
      </h1>
      <table className="table" data-testid="alert-inbox">
        <thead>
          <tr>
            <th>{t('alerts.level')}</th>
            <th>{t('alerts.family')}</th>
            <th>{t('alerts.place')}</th>
            <th>{t('alerts.channels')}</th>
            <th>{t('alerts.fired')}</th>
            <th>{t('alerts.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const v = data.value?.verifications.get(a.id);
            const overdue = v !== undefined && v.status === 'pending' && Date.parse(v.dueAt) < now;
            return (
              <tr key={a.id} className={fresh.has(a.id) ? 'fresh' : undefined} data-place={a.placeCode}>
                <td>
                  <LevelBadge level={a.level} />
                </td>
                <td>
                  <Link to={`/alerts/${a.id}`}>{pick(a.reason.zh, a.reason.en)}</Link>
                </td>
                <td>{pick(a.placeName, a.placeNameEn)}</td>
                <td>{a.channels.join(', ')}</td>
                <td>{formatDateTime(a.firstFiredAt, language)}</td>
                <td className={overdue ? 'overdue' : undefined}>
                  {v ? formatDateTime(v.dueAt, language) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('alerts.empty')}</p>}
    </section>
  );
}
