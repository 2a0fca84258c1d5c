import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { highestLevelByDistrict, listAlerts, type Alert } from '../api/alerts';
import { getCity, listFacilities } from '../api/city';
import { listEvents } from '../api/events';
import { getSeries } from '../api/series';
import { SeriesChart } from '../charts/series-chart';
import { LEVEL_COLOURS, NO_ALERT_COLOUR } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';
import { useAlertEvents } from '../live/alert-stream';
import { CityMap, type FacilityLayer } from '../map/city-map';
import { LevelBadge } from '../layout/level-badge';

/** View 1: the city coloured by open alerts, facility layers, and a district's details on click. */
export default function SituationPage() {
  const { t, pick } = useLanguage();
  const city = useLoad(getCity, []);
  const alerts = useLoad(() => listAlerts({ status: 'open' }), []);
  const facilities = useLoad(
    () =>
      Promise.all([
        listFacilities({ type: 'fever_clinic' }),
        listFacilities({ type: 'ems_station' }),
        listFacilities({ type: 'hospital' }),
      ]),
    [],
  );
  const [shown, setShown] = useState({ fever: true, ems: true, hospital: false });
  const [selected, setSelected] = useState<string>();
  const reloadAlerts = alerts.reload;
  useAlertEvents(useCallback(() => reloadAlerts(), [reloadAlerts]));

  const levels = useMemo(() => highestLevelByDistrict(alerts.value?.items ?? []), [alerts.value]);
  const labels = useMemo(() => {
    const map = new Map<string, string>();
    for (const f of city.value?.districts.features ?? []) {
      map.set(f.properties.code, pick(f.properties.name, f.properties.nameEn));
    }
    return map;
  }, [city.value, pick]);
  const layers = useMemo<FacilityLayer[]>(() => {
    const [fever = [], ems = [], hospital = []] = facilities.value ?? [];
    return [
      { id: 'hospital', colour: '#7a5195', visible: shown.hospital, facilities: hospital },
      { id: 'fever', colour: '#c0392b', visible: shown.fever, facilities: fever },
      { id: 'ems', colour: '#16a085', visible: shown.ems, facilities: ems },
    ];
  }, [facilities.value, shown]);

  if (city.error) return <Failure error={city.error} retry={city.reload} />;
  if (!city.value) return <Loading />;
  const district = city.value.districts.features.find((f) => f.properties.code === selected);

  return (
    <div className="split">
      <section className="grow">
        <h1>{t('map.title')}</h1>
        <CityMap
          city={city.value}
          levels={levels}
          layers={layers}
          labels={labels}
          selected={selected}
          onSelect={setSelected}
        />
        <div className="legend">
          <span>{t('map.legend')}:</span>
          {(['red', 'orange', 'yellow', 'blue'] as const).map((level) => (
            <span key={level}>
              <i style={{ background: LEVEL_COLOURS[level] }} /> {t(`level.${level}`)}
            </span>
          ))}
          <span>
            <i style={{ background: NO_ALERT_COLOUR }} /> {t('level.none')}
          </span>
          <span className="spacer" />
          {(
            [
              ['fever', 'map.feverClinics'],
              ['ems', 'map.ems'],
              ['hospital', 'map.hospitals'],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="check">
              <input
                type="checkbox"
                checked={shown[key]}
                onChange={(e) => setShown({ ...shown, [key]: e.target.checked })}
              />
              {t(label)}
            </label>
          ))}
        </div>
      </section>
      <aside className="panel" data-testid="district-panel">
        {district ? (
          <DistrictPanel
            code={district.properties.code}
            name={pick(district.properties.name, district.properties.nameEn)}
            population={district.properties.population}
            alerts={(alerts.value?.items ?? []).filter((a) =>
              a.placeCode.startsWith(district.properties.code),
            )}
          />
        ) : (
          <p className="muted">{t('map.clickHint')}</p>
        )}
      </aside>
    </div>
  );
}

function DistrictPanel({
  code,
  name,
  population,
  alerts,
}: {
  code: string;
  name: string;
  population: number | null;
  alerts: readonly Alert[];
}) {
  const { t, pick } = useLanguage();
  const events = useLoad(() => listEvents({ place: code, status: 'active' }).catch(() => null), [code]);
  const visits = useLoad(
    () => getSeries({ channel: 'visit', signal: 'ili', place: code, interval: 'day' }),
    [code],
  );
  const last7 = visits.value?.points.slice(-7) ?? [];
  const reported = last7.reduce((s, p) => s + (p.completeness?.reported ?? 0), 0);
  const expected = last7.reduce((s, p) => s + (p.completeness?.expected ?? 0), 0);
  return (
    <>
      <h2>{name}</h2>
      {population !== null && (
        <p className="muted">
          {t('map.population')}: {population.toLocaleString()}
        </p>
      )}
      <h3>
        {t('map.openAlerts')} ({alerts.length})
      </h3>
      <ul className="list">
        {alerts.map((a) => (
          <li key={a.id}>
            <LevelBadge level={a.level} />{' '}
            <Link to={`/alerts/${a.id}`}>{pick(a.reason.zh, a.reason.en)}</Link>
          </li>
        ))}
        {alerts.length === 0 && <li className="muted">{t('common.none')}</li>}
      </ul>
      <h3>{t('map.events')}</h3>
      {events.value === null ? (
        <p className="muted">{t('common.notAvailable')}</p>
      ) : (
        <ul className="list">
          {(events.value?.items ?? []).map((e) => (
            <li key={e.id}>
              <Link to={`/events/${e.id}`}>{e.title}</Link> {e.level ?? ''}
            </li>
          ))}
          {events.value?.items.length === 0 && <li className="muted">{t('common.none')}</li>}
        </ul>
      )}
      <h3>{t('map.completeness')}</h3>
      <p data-testid="completeness">{expected > 0 ? `${((100 * reported) / expected).toFixed(0)}%` : '—'}</p>
      <h3>{t('map.keySeries')}: ILI</h3>
      {visits.error && <Failure error={visits.error} />}
      {visits.value && (
        <SeriesChart
          height={180}
          data={{
            periods: visits.value.points.map((p) => p.period.slice(5)),
            observed: visits.value.points.map((p) => p.count),
          }}
        />
      )}
    </>
  );
}
