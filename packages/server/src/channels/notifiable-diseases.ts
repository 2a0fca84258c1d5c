import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * The versioned list of notifiable diseases (data/diseases/notifiable-diseases.csv, with its sources): which
 * disease keys a report card may carry, and their class on a given day.
 */

export type DiseaseClass = 'A' | 'B' | 'C' | 'monitored';

export interface DiseaseVersion {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly class: DiseaseClass;
  /** The class whose measures apply (乙类甲管: class B, management A); undefined for monitored diseases. */
  readonly management: 'A' | 'B' | 'C' | undefined;
  /** Diseases the law lists as one (the viral hepatitis types). */
  readonly group: string | undefined;
  readonly validFrom: string;
  /** Inclusive; undefined while in force. */
  readonly validTo: string | undefined;
}

export interface NotifiableDiseases {
  readonly versions: readonly DiseaseVersion[];
  /** Whether the key names a disease on the list at any time. */
  readonly known: (key: string) => boolean;
  /** The disease's version in force on `date`, if it was notifiable then. */
  readonly on: (key: string, date: string) => DiseaseVersion | undefined;
  /** Every disease version in force on `date`. */
  readonly listOn: (date: string) => DiseaseVersion[];
}

const file = new URL('../../../../data/diseases/notifiable-diseases.csv', import.meta.url);
const CLASSES = new Set(['A', 'B', 'C', 'monitored']);

export function parseDiseaseList(csv: string): NotifiableDiseases {
  const rows = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true });
  const versions = rows.map((row, i): DiseaseVersion => {
    const klass = row.class ?? '';
    if (!CLASSES.has(klass)) throw new Error(`notifiable diseases line ${i + 2}: unknown class "${klass}"`);
    const management = row.management || undefined;
    return {
      key: row.key ?? '',
      nameZh: row.name_zh ?? '',
      nameEn: row.name_en ?? '',
      class: klass as DiseaseClass,
      management: management as DiseaseVersion['management'],
      group: row.group || undefined,
      validFrom: row.valid_from ?? '',
      validTo: row.valid_to || undefined,
    };
  });
  const byKey = new Map<string, DiseaseVersion[]>();
  for (const v of versions) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
  const inForce = (v: DiseaseVersion, date: string) =>
    v.validFrom <= date && (v.validTo === undefined || date <= v.validTo);
  return {
    versions,
    known: (key) => byKey.has(key),
    on: (key, date) => byKey.get(key)?.find((v) => inForce(v, date)),
    listOn: (date) => versions.filter((v) => inForce(v, date)),
  };
}

let loaded: NotifiableDiseases | undefined;

export function notifiableDiseases(): NotifiableDiseases {
  loaded ??= parseDiseaseList(readFileSync(file, 'utf8'));
  return loaded;
}
