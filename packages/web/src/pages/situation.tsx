import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { highestLevelByDistrict, listAlerts, type Alert } from '../api/alerts';
import { getCity, listFacilities } from '../api/city';
import { listEvents } from '../api/events';
import { getSeries } from '../api/series';
import { SeriesChart } from '../charts/series-chart';
import { LEVEL_COLOURS, NO_ALERT_COLOUR } from '../format/levels';
import { useLoad } from '../format/use-load';
import type { MessageKey } from '../i18n/dictionary';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';
import { useAlertEvents } from '../live/alert-stream';
import { CityMap, type FacilityLayer } from '../map/city-map';
import { LevelBadge } from '../layout/level-badge';

/** The facility and station layers: fever clinics by role, the others by type. */
const LAYERS: readonly {
  id: string;
  label: MessageKey;
  colour: string;
  query: { type?: string; role?: string };
}[] = [
  { id: 'fever', label: 'map.feverClinics', colour: '#c0392b', query: { role: 'fever_clinic' } },
  { id: 'sentinel', label: 'map.sentinel', colour: '#7a5195', query: { type: 'sentinel_hospital' } },
  { id: 'shelter', label: 'map.shelter', colour: '#ef8a17', query: { type: 'shelter_hospital' } },
  { id: 'ems', label: 'map.ems', colour: '#16a085', query: { type: 'ems_station' } },
  { id: 'wastewater', label: 'map.wastewater', colour: '#2c7fb8', query: { type: 'wastewater_site' } },
];

/** View 1: the city coloured by open alerts, facility layers, and a district's details on click. */
export default function SituationPage() {
  const { t, pick } = useLanguage();
  const city = useLoad(getCity, []);
  const alerts = useLoad(() => listAlerts({ status: 'open' }), []);
  const facilities = useLoad(() => Promise.all(LAYERS.map((l) => listFacilities(l.query))), []);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set(['fever', 'ems']));
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
  const layers = useMemo<FacilityLayer[]>(
    () =>
      LAYERS.map((l, i) => ({
        id: l.id,
        colour: l.colour,
        visible: shown.has(l.id),
        facilities: facilities.value?.[i] ?? [],
      })),
    [facilities.value, shown],
  );

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
          {LAYERS.map((l) => (
            <label key={l.id} className="check">
              <input
                type="checkbox"
                checked={shown.has(l.id)}
                onChange={(e) => {
                  const next = new Set(shown);
                  if (e.target.checked) next.add(l.id);
                  else next.delete(l.id);
                  setShown(next);
                }}
              />
              <i style={{ background: l.colour, borderRadius: '50%' }} /> {t(l.label)}
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
