import type { SchoolLevel } from '../city/sim-facility.js';
import type { Random } from '../random.js';
import type { AgeGroup } from './visit-classes.js';

/**
 * Ages of simulated patients, by the age group of their complaint or disease (a mixture of uniform bands):
 *
 * | group    | bands (share)                                                  |
 * | -------- | -------------------------------------------------------------- |
 * | all      | 0–4 (12 %), 5–14 (15 %), 15–24 (10 %), 25–59 (43 %), 60–89 (20 %) |
 * | children | 3–14 (80 %), 15–44 (20 %)                                      |
 * | infants  | 0–5 (85 %), 6–10 (15 %)                                        |
 * | adults   | 18–89                                                          |
 *
 * Ages under one year have one decimal (0.5 is six months), as the visit schema allows.
 */
const BANDS: Readonly<Record<AgeGroup, readonly (readonly [from: number, to: number, share: number])[]>> = {
  all: [
    [0, 4, 0.12],
    [5, 14, 0.15],
    [15, 24, 0.1],
    [25, 59, 0.43],
    [60, 89, 0.2],
  ],
  children: [
    [3, 14, 0.8],
    [15, 44, 0.2],
  ],
  infants: [
    [0, 5, 0.85],
    [6, 10, 0.15],
  ],
  adults: [[18, 89, 1]],
};

const SCHOOL_AGES: Readonly<Record<SchoolLevel, readonly [number, number]>> = {
  kindergarten: [3, 5],
  primary: [6, 11],
  middle: [12, 14],
};

function inBand(random: Random, from: number, to: number): number {
  const age = from + random.uniform() * (to + 1 - from);
  return age < 1 ? Math.round(age * 10) / 10 || 0.1 : Math.floor(age);
}

export function drawAge(random: Random, group: AgeGroup): number {
  let u = random.uniform();
  for (const [from, to, share] of BANDS[group]) {
    if (u < share) return inBand(random, from, to);
    u -= share;
  }
  const last = BANDS[group][BANDS[group].length - 1] as readonly [number, number, number];
  return inBand(random, last[0], last[1]);
}

export function drawPupilAge(random: Random, level: SchoolLevel): number {
  const [from, to] = SCHOOL_AGES[level];
  return inBand(random, from, to);
}
