import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classifyComplaint, complaintReader } from './classify.js';
import { compileCondition } from './condition.js';
import { SYNDROME_RULES } from './rules.js';
import { SYNDROME_IDS, type SyndromeId } from './types.js';

/**
 * The labelled set (labelled-complaints.tsv): every complaint must classify exactly as labelled. The
 * per-syndrome figures are printed so that a change of rules shows what it moved.
 */

interface Case {
  readonly line: number;
  readonly text: string;
  readonly temperature: number | undefined;
  readonly expected: readonly SyndromeId[];
}

function loadCases(): Case[] {
  const text = readFileSync(new URL('./labelled-complaints.tsv', import.meta.url), 'utf8');
  const cases: Case[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const [complaint = '', temperature = '', syndromes = ''] = raw.split('\t');
    const expected = syndromes === '-' ? [] : syndromes.split(',').map((s) => s.trim());
    for (const id of expected)
      if (!(SYNDROME_IDS as readonly string[]).includes(id))
        throw new Error(`line ${index + 1}: unknown ${id}`);
    cases.push({
      line: index + 1,
      text: complaint,
      temperature: temperature === '' ? undefined : Number(temperature),
      expected: expected as SyndromeId[],
    });
  });
  return cases;
}

const cases = loadCases();

describe('labelled chief complaints', () => {
  test('the set is large enough and covers every syndrome', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const id of SYNDROME_IDS)
      expect(cases.filter((c) => c.expected.includes(id)).length).toBeGreaterThan(8);
    const chinese = cases.filter((c) => /[\u4e00-\u9fff]/.test(c.text)).length;
    expect(chinese).toBeGreaterThan(150);
    expect(cases.length - chinese).toBeGreaterThan(100);
  });

  test('every complaint classifies as labelled', () => {
    const wrong: string[] = [];
    const counts = Object.fromEntries(SYNDROME_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
    for (const c of cases) {
      const got = classifyComplaint(c.text, c.temperature).syndromes;
      for (const id of SYNDROME_IDS) {
        const e = c.expected.includes(id);
        const g = got.includes(id);
        const cell = counts[id] as { tp: number; fp: number; fn: number; tn: number };
        if (e && g) cell.tp++;
        else if (g) cell.fp++;
        else if (e) cell.fn++;
        else cell.tn++;
      }
      const same = got.length === c.expected.length && c.expected.every((id) => got.includes(id));
      if (!same)
        wrong.push(`line ${c.line}: ${c.text} → [${got.join(',')}], expected [${c.expected.join(',')}]`);
    }
    const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
    const rows = SYNDROME_IDS.map((id) => {
      const { tp, fp, fn, tn } = counts[id] as { tp: number; fp: number; fn: number; tn: number };
      return (
        `${id.padEnd(15)} positives ${String(tp + fn).padStart(3)}  sensitivity ${pct(tp, tp + fn)}` +
        `  PPV ${pct(tp, tp + fp)}  accuracy ${pct(tp + tn, tp + fp + fn + tn)}`
      );
    });
    console.log(`syndrome rules on ${cases.length} labelled complaints:\n${rows.join('\n')}`);
    expect(wrong).toEqual([]);
  });

  test('a reading remembered per text gives the same syndromes with any measured temperature', () => {
    const reader = complaintReader();
    // The conditions evaluated afresh, beside the reader's memory of (temperature band, concepts).
    const conditions = SYNDROME_IDS.map(
      (id) => [id, compileCondition(SYNDROME_RULES.syndromes[id])] as const,
    );
    const temperatures = [undefined, Number.NaN, 36.5, 37.29, 37.3, 37.5, 37.99, 38, 38.5, 39.5, 41];
    for (const c of cases) {
      const reading = reader.read(c.text);
      for (const measured of [c.temperature, ...temperatures]) {
        const syndromes = reader.syndromes(reading, measured);
        const given = measured !== undefined && Number.isFinite(measured) ? measured : undefined;
        const temperature =
          given === undefined || reading.temperature === undefined
            ? (given ?? reading.temperature)
            : Math.max(given, reading.temperature);
        const expected = conditions
          .filter(([, test]) => test({ concepts: reading.concepts, temperature }))
          .map(([id]) => id);
        expect(syndromes, `${c.text} at ${measured}`).toEqual(expected);
        expect(classifyComplaint(c.text, measured).syndromes).toEqual(expected);
        // one shared array per set of syndromes, so that callers can key a memory on it
        expect(reader.syndromes(reader.read(c.text), measured)).toBe(syndromes);
        expect(Object.isFrozen(syndromes)).toBe(true);
      }
    }
  });
});
