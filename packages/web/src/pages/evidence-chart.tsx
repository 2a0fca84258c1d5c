import type { SignalEvidence } from '../api/alerts';
import { getDetectionConfig, getSeries } from '../api/series';
import { SeriesChart } from '../charts/series-chart';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/**
 * One detection signal's series around the alert, with the expected line and the threshold band computed
 * by the rule's own method and control (the engine, run in the browser on the same counts), the alarmed
 * points and the evidence day marked.
 */

const DAY = 86_400_000;
const shift = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);

/** Enough history for each method's baseline: CIDARS and Farrington look back five years. */
function historyDays(method: string, period: 'day' | 'week'): number {
  if (period === 'week') return 6 * 365 + 14;
  return method === 'cidars.mpm' ? 5 * 365 + 60 : 400;
}

export function EvidenceChart({ evidence }: { evidence: SignalEvidence }) {
  const { t } = useLanguage();
  const loaded = useLoad(async () => {
    const [{ runMethod }, config] = await Promise.all([import('../detect/run-method'), getDetectionConfig()]);
    const rule = config.rules.find((r) => r.key === evidence.ruleKey);
    const shown = evidence.period === 'week' ? 26 * 7 : 35;
    const series = await getSeries({
      channel: evidence.channel,
      signal: evidence.signal,
      place: evidence.placeCode,
      interval: evidence.period,
      from: shift(evidence.periodStart, -historyDays(evidence.method, evidence.period)),
      to: shift(evidence.periodStart, evidence.period === 'week' ? 28 : 7),
    });
    const first = series.points.findIndex((p) => p.period >= shift(evidence.periodStart, -shown));
    const run = rule
      ? runMethod(evidence.method, rule.control, series.points, evidence.period, first)
      : undefined;
    const points = series.points.slice(first);
    const band = run?.ok ? run : undefined;
    return {
      periods: points.map((p) => p.period),
      observed: points.map((p) => p.count),
      ...(band
        ? {
            expected: band.expected.slice(first),
            upperbound: band.upperbound.slice(first),
            alarms: band.alarms.map((i) => i - first),
          }
        : {}),
      marker: evidence.periodStart,
      failure: run && !run.ok ? `${run.field}: ${run.reason}` : undefined,
    };
  }, [evidence]);

  if (loaded.error) return <Failure error={loaded.error} />;
  if (!loaded.value) return <Loading />;
  const { failure, ...data } = loaded.value;
  return (
    <>
      <SeriesChart data={data} testId="evidence-chart" />
      {failure && (
        <p className="muted">
          {t('alert.method')} {evidence.method}: {failure}
        </p>
      )}
    </>
  );
}
