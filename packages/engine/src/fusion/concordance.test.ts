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

  test('a second look at the centre alone: a local signal is not diluted by the neighbours’ tests', () => {
    // One district's p = 0.002 among 10 series of a 5-district zone: Šidák over 10 is ~0.02; over the
    // centre's 2 series ~0.004, doubled for the two looks ~0.008.
    const zoneOnly = channel('visit', 0.002, 10);
    const withCentre: ChannelEvidence = { ...zoneOnly, centre: { pMin: 0.002, series: 2 } };
    const [a] = concordance([zoneOnly], settings).channels;
    const [b] = concordance([withCentre], settings).channels;
    expect(a?.p).toBeCloseTo(sidak(0.002, 10), 12);
    expect(b?.p).toBeCloseTo(2 * sidak(0.002, 2), 12);
    // Evidence only in a neighbour: the zone's look, doubled.
    const [c] = concordance([{ ...zoneOnly, centre: { pMin: undefined, series: 2 } }], settings).channels;
    expect(c?.p).toBeCloseTo(2 * sidak(0.002, 10), 12);
    // No evidence anywhere stays no evidence.
    const [d] = concordance(
      [{ ...channel('visit', undefined, 10), centre: { pMin: undefined, series: 2 } }],
      settings,
    ).channels;
    expect(d?.p).toBeUndefined();
  });
});
