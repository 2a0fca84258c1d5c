import { useMemo } from 'react';
import { Link } from 'react-router';
import type { AlertLevel } from '../api/alerts';
import { getCity } from '../api/city';
import { getPublicAlerts, type PublicAlert } from '../api/public';
import { suppressSmall } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';
import { CityMap } from '../map/city-map';

/**
 * View 8, no login: the public alerts (the CAP feed: nothing personal in it) on the map and as a list, and
 * their count per district, with small counts shown as "<5".
 */

/** CAP severity back to the colour it was mapped from (src/alerts/README.md: the CAP mapping). */
const LEVEL_OF_SEVERITY: Record<string, AlertLevel> = {
  Extreme: 'red',
  Severe: 'orange',
  Moderate: 'yellow',
  Minor: 'blue',
};

export default function PublicPage() {
  const { t, pick, language } = useLanguage();
  const city = useLoad(getCity, []);
  const alerts = useLoad(getPublicAlerts, []);
  const capLanguage = language === 'en' ? 'en-US' : 'zh-CN';
  const byDistrict = useMemo(() => {
    const counts = new Map<string, PublicAlert[]>();
    for (const a of alerts.value ?? []) {
      if (!a.areaCode || a.areaCode.length < 6) continue;
      const code = a.areaCode.slice(0, 6);
      counts.set(code, [...(counts.get(code) ?? []), a]);
    }
    return counts;
  }, [alerts.value]);
  const levels = useMemo(() => {
    const rank = ['blue', 'yellow', 'orange', 'red'];
    const map = new Map<string, AlertLevel>();
    for (const [code, list] of byDistrict) {
      for (const a of list) {
        const level = LEVEL_OF_SEVERITY[a.severity];
        const seen = map.get(code);
        if (level && (!seen || rank.indexOf(level) > rank.indexOf(seen))) map.set(code, level);
      }
    }
    return map;
  }, [byDistrict]);
  const labels = useMemo(() => {
    const map = new Map<string, string>();
    for (const f of city.value?.districts.features ?? []) {
      const n = byDistrict.get(f.properties.code)?.length ?? 0;
      map.set(f.properties.code, `${pick(f.properties.name, f.properties.nameEn)} ${suppressSmall(n)}`);
    }
    return map;
  }, [city.value, byDistrict, pick]);

  return (
    <section className="public">
      <h1>{t('public.title')}</h1>
      <p>
        <Link to="/login">{t('public.login')}</Link>
      </p>
      <div className="split">
        <div className="grow">
          {city.error && <Failure error={city.error} />}
          {city.value ? (
            <CityMap city={city.value} levels={levels} layers={[]} labels={labels} height={440} />
          ) : (
            !city.error && <Loading />
          )}
        </div>
        <aside className="panel">
          <h2>{t('public.counts')}</h2>
          <table className="table small" data-testid="public-counts">
            <tbody>
              {(city.value?.districts.features ?? []).map((f) => (
                <tr key={f.properties.code}>
                  <td>{pick(f.properties.name, f.properties.nameEn)}</td>
                  <td className="num">{suppressSmall(byDistrict.get(f.properties.code)?.length ?? 0)}</td>
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
