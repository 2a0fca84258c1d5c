import { useEffect, useState } from 'react';
import { getAlertRules } from '../api/alerts';
import { listPlaces } from '../api/city';
import { CHANNELS, getDetectionConfig, getSeries, type Channel, type SeriesPage } from '../api/series';
import { SeriesChart } from '../charts/series-chart';
import type { MethodOutcome } from '../detect/run-method';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/**
 * View 6: pick channel, signal, place, interval and method; the series is read from the platform and the
 * method runs in the browser with the engine (the code the platform's detection runs use), so a change
 * of method or control shows its threshold and alarms at once.
 */
export default function ExplorerPage() {
  const { t, pick } = useLanguage();
  const [channel, setChannel] = useState<Channel>('visit');
  const [signal, setSignal] = useState('ili');
  const [place, setPlace] = useState('');
  const [interval, setInterval] = useState<'day' | 'week'>('day');
  const [method, setMethod] = useState('earsC');
  const [control, setControl] = useState('{"method":"C2"}');
  const districts = useLoad(() => listPlaces({ level: 'district' }), []);
  const rules = useLoad(() => getAlertRules().catch(() => undefined), []);
  const config = useLoad(() => getDetectionConfig().catch(() => undefined), []);
  const engine = useLoad(() => import('../detect/run-method'), []);
  const [series, setSeries] = useState<SeriesPage>();
  const [seriesError, setSeriesError] = useState<Error>();
  const [outcome, setOutcome] = useState<MethodOutcome>();

  const signals = [
    ...new Set(
      Object.values(rules.value?.families ?? {})
        .flatMap((f) => f.members)
        .filter((m) => m.channel === channel)
        .flatMap((m) => m.signals)
        .concat(channel === 'visit' ? ['all', 'ili', 'fever', 'respiratory', 'gastrointestinal'] : []),
    ),
  ];

  useEffect(() => {
    let stale = false;
    const years = interval === 'week' ? 6 : 1.2;
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - years * 365 * 86_400_000).toISOString().slice(0, 10);
    setSeries(undefined);
    setSeriesError(undefined);
    getSeries({ channel, signal, interval, from, to, ...(place ? { place } : {}) }).then(
      (s) => !stale && setSeries(s),
      (e: unknown) => !stale && setSeriesError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      stale = true;
    };
  }, [channel, signal, place, interval]);

  const run = () => {
    if (!series || !engine.value) return;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(control || '{}') as Record<string, unknown>;
    } catch (e) {
      setOutcome({ ok: false, field: 'control', reason: (e as Error).message });
      return;
    }
    const shown = interval === 'week' ? 52 : 90;
    setOutcome(
      engine.value.runMethod(
        method,
        parsed,
        series.points,
        interval,
        Math.max(0, series.points.length - shown),
      ),
    );
  };
  // Runs again whenever the series or the choice changes: the detection is live.
  useEffect(run, [series, engine.value, method, control, interval]);

  const shown = interval === 'week' ? 52 : 90;
  const start = series ? Math.max(0, series.points.length - shown) : 0;
  const points = series?.points.slice(start) ?? [];
  const ruleMethods = [
    ...new Set((config.value?.rules ?? []).map((r) => `${r.method}|${JSON.stringify(r.control)}`)),
  ];

  return (
    <section>
      <h1>{t('explorer.title')}</h1>
      <div className="form-row">
        <label>
          {t('explorer.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          {t('explorer.signal')}
          <input list="signals" value={signal} onChange={(e) => setSignal(e.target.value)} />
          <datalist id="signals">
            {signals.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label>
          {t('explorer.place')}
          <select value={place} onChange={(e) => setPlace(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(districts.value ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {pick(d.name, d.nameEn)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('explorer.interval')}
          <select value={interval} onChange={(e) => setInterval(e.target.value as 'day' | 'week')}>
            <option value="day">{t('explorer.day')}</option>
            <option value="week">{t('explorer.week')}</option>
          </select>
        </label>
        <label>
          {t('explorer.method')}
          <select value={method} onChange={(e) => setMethod(e.target.value)}>
            {(engine.value?.METHOD_NAMES ?? [method]).map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="grow">
          {t('explorer.control')}
          <input list="controls" value={control} onChange={(e) => setControl(e.target.value)} />
          <datalist id="controls">
            {ruleMethods
              .filter((m) => m.startsWith(`${method}|`))
              .map((m) => (
                <option key={m} value={m.slice(method.length + 1)} />
              ))}
          </datalist>
        </label>
      </div>
      {seriesError && <Failure error={seriesError} />}
      {!series && !seriesError && <Loading />}
      {series && (
        <SeriesChart
          testId="explorer-chart"
          height={320}
          data={{
            periods: points.map((p) => p.period),
            observed: points.map((p) => p.count),
            ...(outcome?.ok
              ? {
                  expected: outcome.expected.slice(start),
                  upperbound: outcome.upperbound.slice(start),
                  alarms: outcome.alarms.filter((i) => i >= start).map((i) => i - start),
                }
              : {}),
          }}
        />
      )}
      {outcome && !outcome.ok && (
        <p className="error" role="alert">
          {outcome.field}: {outcome.reason}
        </p>
      )}
      {outcome?.ok && (
        <p data-testid="explorer-result">
          {t('explorer.alarms')}: {outcome.alarms.filter((i) => i >= start).length} · {t('explorer.elapsed')}{' '}
          {outcome.milliseconds.toFixed(1)} ms
        </p>
      )}
    </section>
  );
}
