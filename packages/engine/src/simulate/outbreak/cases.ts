import type { SimCity } from '../city/sim-city.js';
import type { SimFacility } from '../city/sim-facility.js';
import { drawAge, drawPupilAge } from '../models/ages.js';
import type { Random } from '../random.js';
import { WeightedTable } from '../random.js';
import type { OutbreakSpec } from '../scenario/schema.js';
import { onsetOffsets } from './curve.js';
import { PATHOGENS } from './pathogens.js';
import type { OutbreakPlace } from './place.js';

/** One person made ill by an outbreak: ground truth for a drill, and the source of the records it causes. */
export interface OutbreakCase {
  readonly outbreak: string;
  readonly index: number;
  /** Day of onset, as a day index of the simulated period (may fall outside it). */
  readonly onset: number;
  readonly community: string;
  readonly streetCode: string;
  readonly districtCode: string;
  readonly age: number;
  readonly sex: 'M' | 'F';
  /** The simulated school the case attends, when the outbreak is at a school. */
  readonly school: SimFacility | null;
}

/** `size` cases: onsets from the curve, homes from the place, ages from the pathogen (or the school). */
export function outbreakCases(
  city: SimCity,
  spec: OutbreakSpec,
  place: OutbreakPlace,
  startIndex: number,
  random: Random,
): OutbreakCase[] {
  const pathogen = PATHOGENS[spec.pathogen];
  const offsets = onsetOffsets(spec.shape, pathogen, spec.size, random);
  const school = place.facility?.school ? place.facility : null;
  return offsets.map((offset, index) => {
    const street = place.streets.draw(random);
    const community = place.community ?? street.communities.draw(random).code;
    return {
      outbreak: spec.id,
      index,
      onset: startIndex + Math.floor(offset),
      community,
      streetCode: street.code,
      districtCode: street.districtCode,
      age: school?.school ? drawPupilAge(random, school.school.level) : drawAge(random, pathogen.ages),
      sex: random.chance(0.5) ? 'M' : 'F',
      school,
    };
  });
}

/** Exactly round(fraction × n) distinct cases, drawn at random (so a channel's total is exact). */
export function chooseCases<T>(cases: readonly T[], fraction: number, random: Random): T[] {
  const n = Math.round(fraction * cases.length);
  if (n <= 0) return [];
  return random.shuffle([...cases]).slice(0, n);
}

/** A lag in days, fractional lags as that share of cases a day later. */
export function lagOf(lagDays: number, random: Random): number {
  const whole = Math.floor(lagDays);
  return whole + (random.chance(lagDays - whole) ? 1 : 0);
}

/** Facilities of a kind in a district, drawn by weight; undefined when there is none. */
export function facilityTable(
  city: SimCity,
  districtCode: string,
  weight: (f: SimFacility) => number,
): WeightedTable<SimFacility> | undefined {
  const items = city.facilities.filter((f) => f.districtCode === districtCode && weight(f) > 0);
  return items.length === 0 ? undefined : new WeightedTable(items, items.map(weight));
}
