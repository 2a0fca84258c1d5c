import { describe, expect, test } from 'vitest';
import { concordance, type ChannelEvidence } from './concordance.js';
import { sidak } from './p-values.js';

const settings = { minChannels: 2, channelAlpha: 0.1, fusedAlpha: 0.001 };
const channel = (name: string, pMin: number | undefined, series = 1): ChannelEvidence => ({
  channel: name,
  pMin,
  series,
});

describe('concordance', () => {
  test('three channels each short of a strict threshold together fire', () => {
    const result = concordance(
      [
        channel('visit', 0.004),
        channel('pharmacy', 0.006),
        channel('school', 0.005),
        channel('hotline', undefined),
      ],
      settings,
    );
    expect(result.agreeing).toBe(3);
    expect(result.fusedP).toBeLessThan(0.001);
    expect(result.fired).toBe(true);
  });

  test('one very strong channel alone does not: concordance needs agreement', () => {
    const result = concordance([channel('visit', 1e-9), channel('pharmacy', undefined)], settings);
    expect(result.fusedP).toBeLessThan(1e-6);
    expect(result.agreeing).toBe(1);
    expect(result.fired).toBe(false);
  });

  test('agreement alone does not either: weak evidence stays below the fused threshold', () => {
    const result = concordance(
      [channel('visit', 0.04), channel('pharmacy', 0.05), channel('school', 0.3)],
      settings,
    );
    expect(result.agreeing).toBe(2);
    expect(result.fired).toBe(false);
  });

  test("a channel's smallest p-value is corrected for the series it was chosen from", () => {
    const result = concordance([channel('visit', 0.02, 6), channel('pharmacy', 0.02, 1)], settings);
    const [visit, pharmacy] = result.channels;
    expect(visit?.p).toBeCloseTo(sidak(0.02, 6), 15);
    expect(visit?.agrees).toBe(false); // 0.114 > τ
    expect(pharmacy?.agrees).toBe(true);
  });
});
