import { useEffect, useState } from 'react';
import { getDrill, getDrillReport, listDrills, startDrill, type Drill } from '../api/drills';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/** View 7: start a drill scenario, watch its progress, read its report. */
export default function DrillsPage() {
  const { t } = useLanguage();
  const drills = useLoad(listDrills, []);
  const [scenario, setScenario] = useState('demo');
  const [current, setCurrent] = useState<Drill>();
  const [report, setReport] = useState<unknown>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!current) return undefined;
    if (current.status === 'done') {
      void getDrillReport(current.id).then(setReport, (e: Error) => setError(e.message));
      return undefined;
    }
    if (current.status === 'failed') return undefined;
    const timer = setTimeout(
      () => void getDrill(current.id).then(setCurrent, (e: Error) => setError(e.message)),
      1000,
    );
    return () => clearTimeout(timer);
  }, [current]);

  return (
    <section>
      <h1>{t('drills.title')}</h1>
      <form
        className="card form-row"
        onSubmit={(e) => {
          e.preventDefault();
          setReport(undefined);
          startDrill(scenario).then(setCurrent, (err: Error) => setError(err.message));
        }}
      >
        <label>
          {t('drills.scenario')}
          <input value={scenario} onChange={(e) => setScenario(e.target.value)} />
        </label>
        <button type="submit">{t('drills.start')}</button>
      </form>
      {error && <p className="error">{error}</p>}
      {current && (
        <div className="card" data-testid="drill">
          <p>
            #{current.id} {current.scenario} · {current.status} {current.phase ?? ''}
            {current.error && <span className="error"> {current.error}</span>}
          </p>
          <progress value={current.progress} max={1} />
          {report !== undefined && (
            <>
              <h2>{t('drills.report')}</h2>
              <pre className="report">{JSON.stringify(report, null, 2)}</pre>
            </>
          )}
        </div>
      )}
      {drills.error && <Failure error={drills.error} />}
      {!drills.value && !drills.error && <Loading />}
      <ul className="list">
        {(drills.value?.items ?? []).map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className="link"
              onClick={() => {
                setReport(undefined);
                setCurrent(d);
              }}
            >
              #{d.id} {d.scenario} · {d.status}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
