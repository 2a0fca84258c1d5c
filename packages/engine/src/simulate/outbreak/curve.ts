import type { Random } from '../random.js';
import type { OutbreakShape } from '../scenario/schema.js';
import type { PathogenPreset } from './pathogens.js';

/**
 * Epidemic curves: when each of an outbreak's cases falls ill, in days after its start.
 *
 * - point-source: everyone exposed on the start day; onset after a lognormal incubation period (the
 *   pathogen's unless the scenario gives one).
 * - propagated: generation g = 0 … G−1 has a share growth^g / Σ growth^j of the cases (largest
 *   remainder, so the total is exact); its onsets fall g serial intervals after the start, spread normally
 *   with sd a quarter of the interval (the index generation within its first day).
 * - lognormal: onsets lognormal with the given median and sd of log, an epidemic curve of any length.
 */
export function onsetOffsets(
  shape: OutbreakShape,
  pathogen: PathogenPreset,
  size: number,
  random: Random,
): number[] {
  switch (shape.type) {
    case 'point-source': {
      const median = shape.incubationMedianDays ?? pathogen.incubation.medianDays;
      const sdLog = shape.incubationSdLog ?? pathogen.incubation.sdLog;
      return Array.from({ length: size }, () => random.lognormal(Math.log(median), sdLog));
    }
    case 'lognormal':
      return Array.from({ length: size }, () => random.lognormal(Math.log(shape.medianDays), shape.sdLog));
    case 'propagated': {
      const interval = shape.serialIntervalDays ?? pathogen.serialIntervalDays;
      const sizes = generationSizes(size, shape.generations, shape.growth);
      const offsets: number[] = [];
      sizes.forEach((n, g) => {
        for (let i = 0; i < n; i++) {
          offsets.push(
            g === 0 ? random.uniform() : Math.max(0, g * interval + (interval / 4) * random.normal()),
          );
        }
      });
      return offsets;
    }
  }
}

/** Cases per generation: proportional to growth^g, summing to `size` exactly (largest remainder). */
export function generationSizes(size: number, generations: number, growth: number): number[] {
  const weights = Array.from({ length: generations }, (_, g) => Math.pow(growth, g));
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (size * w) / total);
  const sizes = exact.map(Math.floor);
  let left = size - sizes.reduce((s, n) => s + n, 0);
  const order = exact
    .map((x, g) => ({ g, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || b.g - a.g);
  for (const { g } of order) {
    if (left === 0) break;
    sizes[g] = (sizes[g] as number) + 1;
    left--;
  }
  return sizes;
}
