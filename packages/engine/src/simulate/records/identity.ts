import { dateOf } from '../calendar.js';
import type { Random } from '../random.js';

/**
 * Fake but well-formed personal data for report cards: GB 11643-1999 citizen ID numbers (the residence's
 * 6-digit area code, the date of birth, a sequence number odd for men and even for women, and the ISO 7064
 * MOD 11-2 check character) and mobile numbers. Drawn at random, they identify nobody in particular.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** An ID number for someone of `age` on day `onDay`, registered in the area `areaCode` (6 digits). */
export function citizenId(r: Random, areaCode: string, age: number, onDay: number, sex: 'M' | 'F'): string {
  const birthDay = onDay - Math.floor(age * 365.25) - r.int(365);
  const birth = dateOf(birthDay).replaceAll('-', '');
  const sequence = 2 * r.int(500) + (sex === 'M' ? 1 : 0);
  const first17 = `${areaCode.slice(0, 6)}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '176',
  '177',
  '180',
  '181',
  '182',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export function mobilePhone(r: Random): string {
  return r.pick(MOBILE_PREFIXES) + String(r.int(100_000_000)).padStart(8, '0');
}

/** The card's population category (人群分类) by age: what a clinician would tick. */
export function occupationFor(r: Random, age: number, rural: boolean): string {
  if (age < 3) return 'scattered_child';
  if (age < 7) return r.chance(0.85) ? 'childcare_child' : 'scattered_child';
  if (age < 19) return 'student';
  if (age >= 60) return r.chance(0.8) ? 'retired' : rural ? 'farmer' : 'unemployed';
  if (age < 23 && r.chance(0.6)) return 'student';
  if (rural && r.chance(0.5)) return 'farmer';
  return r.pick([
    'worker',
    'office_staff',
    'commercial_service',
    'unemployed',
    'migrant_worker',
    'food_service',
    'teacher',
    'medical_staff',
    'other',
  ]);
}
