import { VISIT_CLASSES, type VisitClass } from '../models/visit-classes.js';
import type { SimChannel } from '../series.js';

/**
 * The server's series signals of a simulated series key, as the ingest derives them from a record
 * (packages/server/src/channels/*.ts `derive`): visits count in `all` and each syndrome of their complaint
 * class; cards in their disease and its group; messages and posts in `all` and their category; the rest in
 * their drug class, absence column, pathogen or target.
 */

/** Diseases the notifiable list (data/diseases/notifiable-diseases.csv, column `group`) counts as one group too. */
export const DISEASE_GROUPS: Readonly<Record<string, string>> = {
  hepatitis_a: 'hepatitis',
  hepatitis_b: 'hepatitis',
  hepatitis_c: 'hepatitis',
  hepatitis_d: 'hepatitis',
  hepatitis_e: 'hepatitis',
  hepatitis_unspecified: 'hepatitis',
};

export function serverSignals(channel: SimChannel, key: string): readonly string[] {
  switch (channel) {
    case 'visit':
      return ['all', ...VISIT_CLASSES[key as VisitClass].syndromes];
    case 'report-card': {
      const group = DISEASE_GROUPS[key];
      return group ? [key, group] : [key];
    }
    case 'hotline':
    case 'opinion':
      return ['all', key];
    case 'pharmacy':
    case 'school':
    case 'lab':
    case 'wastewater':
      return [key];
  }
}
