import type { Role } from './roles.js';

/**
 * Personal data of a person record (citizen ID number, phone) by role. Every reader sees records of their
 * own jurisdiction only; within it, the roles marked `purpose` see the values in full when the read states
 * a purpose (it goes into the audit log), and masked otherwise. Roles not listed cannot read person
 * records at all. The table is printed in src/access/README.md; keep them together.
 */

export type Visibility = 'purpose' | 'masked';

export const PERSON_READERS = [
  'analyst',
  'duty_officer',
  'commander',
  'community_worker',
] as const satisfies Role[];
export type PersonReader = (typeof PERSON_READERS)[number];

export const MASKING: Readonly<
  Record<PersonReader, { readonly idNumber: Visibility; readonly phone: Visibility }>
> = {
  analyst: { idNumber: 'purpose', phone: 'purpose' },
  duty_officer: { idNumber: 'purpose', phone: 'purpose' },
  // Door-to-door follow-up needs a phone number, never the ID number.
  community_worker: { idNumber: 'masked', phone: 'purpose' },
  commander: { idNumber: 'masked', phone: 'masked' },
};

/**
 * Keeps the first three and the last four characters: `420***********1234` for an 18-character ID number,
 * `138****5678` for a mobile number. Values of seven characters or fewer are masked whole.
 */
export function mask(value: string | null): string | null {
  if (value === null) return null;
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

export interface PersonalFields {
  readonly idNumber: string | null;
  readonly phone: string | null;
}

export function maskFor<T extends PersonalFields>(
  role: PersonReader,
  purpose: string | undefined,
  record: T,
): T {
  const rule = MASKING[role];
  const full = (v: Visibility) => v === 'purpose' && purpose !== undefined;
  return {
    ...record,
    idNumber: full(rule.idNumber) ? record.idNumber : mask(record.idNumber),
    phone: full(rule.phone) ? record.phone : mask(record.phone),
  };
}
