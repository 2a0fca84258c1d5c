import type { DrillReport } from './report-schema.js';

/**
 * The drill report as text for a terminal and for docs/drills.md: a Markdown table per detector (delay,
 * sensitivity, specificity, false detections), then each outbreak's first signal and alert per channel and
 * fused, and the false-alert ceiling.
 */

const num = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function summaryTable(report: DrillReport): string {
  return table(
    [
      'detector',
      'found',
      'sensitivity',
      'specificity',
      'false / district-month',
      'delay median',
      'delay p90',
      'from 1st record',
    ],
    report.summary.map((s) => [
      s.detector,
      `${s.detected}/${s.outbreaks}`,
      pct(s.sensitivity),
      pct(s.specificity),
      num(s.falsePerDistrictMonth, 2),
      num(s.delayMedian),
      num(s.delayP90),
      num(s.delayFromRecordMedian),
    ]),
  );
}

export function outbreakTable(report: DrillReport): string {
  const detectors = (o: DrillReport['outbreaks'][number]) =>
    o.detections
      .filter((d) => d.detector.startsWith('alert:') || /^signal:[a-z-]+$/.test(d.detector))
      .map(
        (d) =>
          `${d.detector.replace('signal:', 's:').replace('alert:', 'a:')} ${d.fromStartDays >= 0 ? '+' : ''}${d.fromStartDays}`,
      )
      .join(', ');
  return table(
    [
      'run',
      'outbreak',
      'start',
      'first record',
      'level',
      'first detection per channel and fused (days from start)',
    ],
    report.outbreaks.map((o) => [
      String(o.run),
      o.id,
      o.start,
      o.firstRecordDay ?? '—',
      o.levelReached ?? '—',
      detectors(o) || 'not found',
    ]),
  );
}

export function reportText(report: DrillReport): string {
  const c = report.ceiling;
  return [
    `drill "${report.scenario.name}": ${report.runs} run(s), ${report.seconds.toFixed(1)} s`,
    '',
    summaryTable(report),
    '',
    report.outbreaks.length ? outbreakTable(report) : 'no outbreaks in the scenario',
    '',
    `false fused (multi-point) alerts: ${num(c.measured, 2)} per district and month, worst district ` +
      `${num(c.worstDistrict, 2)} (ceiling ${c.falseAlertsPerDistrictMonth}: ${c.within ? 'within' : 'ABOVE'})`,
    '',
  ].join('\n');
}
