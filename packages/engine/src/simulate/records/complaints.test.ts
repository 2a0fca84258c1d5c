import { describe, expect, test } from 'vitest';
import { classifyComplaint } from '../../syndromes/classify.js';
import { VISIT_CLASS_IDS, VISIT_CLASSES } from '../models/visit-classes.js';
import { Random } from '../random.js';
import { chiefComplaint } from './complaints.js';

describe('generated chief complaints', () => {
  test.each(VISIT_CLASS_IDS)('%s: the classifier recovers the intended syndromes', (visitClass) => {
    const r = new Random(2026);
    const misses: string[] = [];
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const c = chiefComplaint(r, visitClass);
      const got = classifyComplaint(c.text, c.temperature).syndromes;
      if (got.join(',') !== VISIT_CLASSES[visitClass].syndromes.join(','))
        misses.push(`${c.text} (${c.temperature ?? '-'}) → ${got.join(',')}`);
    }
    expect(misses.slice(0, 10)).toEqual([]);
  });
});
