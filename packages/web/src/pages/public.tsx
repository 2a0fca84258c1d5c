import { useMemo } from 'react';
import { Link } from 'react-router';
import type { AlertLevel } from '../api/alerts';
import { getPublicAlerts, getPublicCity, type PublicAlert } from '../api/public';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';
import { CityMap } from '../map/city-map';

/**
 * View 8, no login: the map with each district's cases of the last 7 days and open public alerts (counts
 * below 5 arrive from the server as "<5"), and the public alerts (the CAP feed: nothing personal in it).
 */

/** CAP severity back to the colour it was mapped from (src/alerts/README.md: the CAP mapping). */
const LEVEL_OF_SEVERITY: Record<string, AlertLevel> = {
  Extreme: 'red',
  Severe: 'orange',
  Moderate: 'yellow',
  Minor: 'blue',
};
const RANK: readonly string[] = ['blue', 'yellow', 'orange', 'red'];

export default function PublicPage() {
  const { t, pick, language } = useLanguage();
  const city = useLoad(getPublicCity, []);
  const alerts = useLoad(getPublicAlerts, []);
  const capLanguage = language === 'en' ? 'en-US' : 'zh-CN';
  const levels = useMemo(() => {
    const map = new Map<string, AlertLevel>();
    for (const a of alerts.value ?? ([] as PublicAlert[])) {
      const level = LEVEL_OF_SEVERITY[a.severity];
      if (!a.areaCode || a.areaCode.length < 6 || !level) continue;
      const code = a.areaCode.slice(0, 6);
      const seen = map.get(code);
      if (!seen || RANK.indexOf(level) > RANK.indexOf(seen)) map.set(code, level);
    }
    return map;
  }, [alerts.value]);
  const labels = useMemo(() => {
    const map = new Map<string, string>();
    for (const f of city.value?.districts.features ?? []) {
      map.set(f.properties.code, `${pick(f.properties.name, f.properties.nameEn)} ${f.properties.cases7d}`);
    }
    return map;
  }, [city.value, pick]);

  return (
    <section className="public">
      <h1>{t('public.title')}</h1>
      <p>
        <Link to="/login">{t('public.login')}</Link>
      </p>
      <div className="split">
        <div className="grow">
          {city.error && <Failure error={city.error} retry={city.reload} />}
          {city.value ? (
            <CityMap city={city.value} levels={levels} layers={[]} labels={labels} height={440} />
          ) : (
            !city.error && <Loading />
          )}
        </div>
        <aside className="panel">
          <h2>{t('public.counts')}</h2>
          {city.value && (
            <p className="muted">
              {city.value.from} – {city.value.to}
            </p>
          )}
          <table className="table small" data-testid="public-counts">
            <thead>
              <tr>
                <th>{t('alerts.place')}</th>
                <th className="num">{t('public.cases')}</th>
                <th className="num">{t('public.alerts')}</th>
              </tr>
            </thead>
            <tbody>
              {(city.value?.districts.features ?? []).map((f) => (
                <tr key={f.properties.code} data-code={f.properties.code}>
                  <td>{pick(f.properties.name, f.properties.nameEn)}</td>
                  <td className="num">{f.properties.cases7d}</td>
                  <td className="num">{f.properties.publicAlerts}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('public.small')}</p>
        </aside>
      </div>
      <h2>{t('public.alerts')}</h2>
      {alerts.error && <Failure error={alerts.error} retry={alerts.reload} />}
      {alerts.value && alerts.value.length === 0 && <p className="muted">{t('public.none')}</p>}
      <ul className="list" data-testid="public-alerts">
        {(alerts.value ?? []).map((a) => (
          <li key={a.identifier}>
            <b>{a.headline.get(capLanguage) ?? a.headline.get('zh-CN')}</b>{' '}
            <span className="muted">{a.sent.slice(0, 16).replace('T', ' ')}</span>
            <br />
            {a.description.get(capLanguage) ?? ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
