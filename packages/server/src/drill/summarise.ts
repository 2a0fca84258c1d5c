import type { DetectorSummary, OutbreakResult } from './report-schema.js';
import type { ScoredRun } from './score-run.js';

/**
 * Over every run: per detector, the share of outbreaks found (sensitivity), the share of quiet district-weeks
 * left quiet (specificity), false detections per district and month, and the delays' median and 90th
 * percentile. Fused first, then any alert, then single-channel alerts, signals by channel and by method.
 */

/** The p-quantile by linear interpolation between order statistics (R's type 7). */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const rank = (detector: string) =>
  detector === 'alert:fused'
    ? 0
    : detector === 'alert:any'
      ? 1
      : detector.startsWith('alert:')
        ? 2
        : detector.startsWith('signal:') && /^signal:[a-z-]+$/.test(detector)
          ? 3
          : 4;

export function summarise(
  runs: readonly ScoredRun[],
  outbreaks: readonly OutbreakResult[],
  districts: number,
): DetectorSummary[] {
  const detectors = new Set<string>(['alert:fused', 'alert:any']);
  for (const r of runs) for (const d of r.falseCounts.keys()) detectors.add(d);
  for (const o of outbreaks) for (const d of o.detections) detectors.add(d.detector);
  const months = runs.reduce((sum, r) => sum + r.months, 0);
  return [...detectors]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((detector) => {
      const found = outbreaks.flatMap((o) => o.detections.filter((d) => d.detector === detector));
      const delays = found.map((d) => d.fromStartDays);
      const fromRecord = found.flatMap((d) =>
        d.fromFirstRecordDays === null ? [] : [d.fromFirstRecordDays],
      );
      let fp = 0;
      let tn = 0;
      let falseCount = 0;
      for (const r of runs) {
        const weeks = r.falseWeeks.get(detector) ?? 0;
        fp += weeks;
        tn += r.negativeWeeks - weeks;
        falseCount += r.falseCounts.get(detector) ?? 0;
      }
      return {
        detector,
        outbreaks: outbreaks.length,
        detected: found.length,
        sensitivity: outbreaks.length ? found.length / outbreaks.length : null,
        specificity: fp + tn > 0 ? tn / (fp + tn) : null,
        falsePerDistrictMonth: months > 0 ? falseCount / (districts * months) : 0,
        delayMedian: quantile(delays, 0.5),
        delayP90: quantile(delays, 0.9),
        delayFromRecordMedian: quantile(fromRecord, 0.5),
      };
    });
}
