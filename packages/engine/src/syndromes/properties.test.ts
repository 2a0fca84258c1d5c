import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { classifyComplaint, makeClassifier } from './classify.js';
import { compileCondition } from './condition.js';
import { SYNDROME_RULES } from './rules.js';
import { SYNDROME_IDS, type SyndromeRules } from './types.js';

/** Properties of the classifier over the rule set's own vocabulary. */

/** Terms that on their own give exactly one concept that on its own gives a syndrome. */
const singleTerms = SYNDROME_RULES.terms.flatMap((group) =>
  (['zh', 'en'] as const).flatMap((language) =>
    group[language]
      .map((term) => ({ term, language }))
      .filter(({ term }) => {
        const result = classifyComplaint(term);
        return result.syndromes.length > 0 && result.temperature === undefined;
      }),
  ),
);

const cues = (['zh', 'en'] as const).flatMap((language) =>
  SYNDROME_RULES.negation.before[language].map((cue) => ({ cue, language })),
);

describe('syndrome classifier properties', () => {
  test('the vocabulary has single terms for every syndrome but ILI and HFMD combinations', () => {
    for (const id of SYNDROME_IDS) {
      expect(singleTerms.some(({ term }) => classifyComplaint(term).syndromes.includes(id))).toBe(true);
    }
  });

  test('a negation cue before the only term removes its syndromes', () => {
    const pairs = cues.flatMap(({ cue, language }) =>
      singleTerms.filter((t) => t.language === language).map(({ term }) => ({ cue, term, language })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...pairs), ({ cue, term, language }) => {
        const text = language === 'en' ? `${cue} ${term}` : `${cue}${term}`;
        const result = classifyComplaint(text);
        expect(result.syndromes, text).toEqual([]);
        expect(result.negated, text).toContain(term.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  test('appending unrelated text changes nothing', () => {
    const neutral = fc.constantFrom(
      '患者',
      '今日就诊',
      '3天',
      '家长诉',
      '门诊',
      '复诊',
      '已服药',
      'patient',
      'seen today',
      'pt',
      'since yesterday',
      'x3 days',
      '在家',
      '医保',
      'walk in',
      '1周',
      'mother reports',
      '88',
      '15:30',
    );
    // After a clause break or a comma: a space would join the text to an English list and may end it
    // ("denies fever, cough patient" is no longer a pure list), which is the rule, not a change of meaning.
    const separator = fc.constantFrom('。', ', ', '; ', '，', '\n', '. ');
    const complaint = fc.constantFrom(
      ...singleTerms.map((t) => t.term),
      '无发热，咳嗽',
      'denies fever, cough',
    );
    fc.assert(
      fc.property(
        complaint,
        separator,
        fc.array(neutral, { minLength: 1, maxLength: 4 }),
        (text, sep, tail) => {
          const longer = `${text}${sep}${tail.join(' ')}`;
          expect(classifyComplaint(longer).syndromes, longer).toEqual(classifyComplaint(text).syndromes);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('the measured temperature decides fever at 37.3 ℃ and ILI at 38 ℃', () => {
    fc.assert(
      fc.property(fc.integer({ min: 340, max: 430 }), (tenths) => {
        const t = tenths / 10;
        const result = classifyComplaint('咳嗽', t);
        expect(result.temperature).toBe(t);
        expect(result.syndromes.includes('fever')).toBe(t >= 37.3);
        expect(result.syndromes.includes('ili')).toBe(t >= 38);
      }),
    );
  });

  test('a temperature written in the text in °F reads as the same °C', () => {
    fc.assert(
      fc.property(fc.integer({ min: 950, max: 1080 }), (tenthsF) => {
        const f = tenthsF / 10;
        const expected = Math.round((((f - 32) * 5) / 9) * 10) / 10;
        expect(classifyComplaint(`temp ${f}°F`).temperature).toBeCloseTo(expected, 5);
        expect(classifyComplaint(`T ${f}`).temperature).toBeCloseTo(expected, 5);
      }),
    );
  });

  test('a phrase listed with two meanings is refused', () => {
    const broken: SyndromeRules = {
      ...SYNDROME_RULES,
      negation: { ...SYNDROME_RULES.negation, pseudo: { zh: ['咳嗽'], en: [] } },
    };
    expect(() => makeClassifier(broken)).toThrow(/咳嗽/);
  });

  test('conditions compile to predicates over concepts and temperature', () => {
    const ili = compileCondition(SYNDROME_RULES.syndromes.ili);
    expect(ili({ concepts: 0, temperature: 39 })).toBe(false);
  });

  test('classifies more than 100 000 complaints a second', () => {
    const texts = [
      '发热3天伴咳嗽，体温38.5℃',
      'fever 38.6 and cough',
      '无发热，腹泻水样便5次',
      '头痛呕吐颈强直',
    ];
    const n = 100_000;
    const started = performance.now();
    for (let i = 0; i < n; i++) classifyComplaint(texts[i % texts.length] as string);
    const seconds = (performance.now() - started) / 1000;
    console.log(`syndromes: ${Math.round(n / seconds)} complaints/s`);
    // Generous under coverage or a loaded CI machine; the benchmark figure is the printed one.
    expect(n / seconds).toBeGreaterThan(50_000);
  });
});
