import { describe, expect, test } from 'vitest';
import { hashParts, Random, WeightedTable } from './random.js';

const N = 200_000;

function moments(draw: () => number, n = N) {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: (sumSq - n * mean * mean) / (n - 1) };
}

describe('Random', () => {
  test('the same seed gives the same stream, another seed another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const xs = Array.from({ length: 100 }, () => a.nextUint32());
    expect(Array.from({ length: 100 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.nextUint32())).not.toEqual(xs);
  });

  test('xoshiro128** from the state (1, 2, 3, 4) gives the reference outputs (Vigna, xoshiro128starstar.c)', () => {
    const r = Random.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => r.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  test('the first numbers are pinned (a change of generator is a change of every scenario)', () => {
    const r = new Random(1);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toMatchInlineSnapshot(`
      [
        393288148,
        2174103013,
        3814759091,
      ]
    `);
  });

  test('derived streams depend on every part and on their boundaries', () => {
    expect(hashParts([1, 'visit', 3])).toBe(hashParts([1, 'visit', 3]));
    expect(hashParts([1, 'visit', 3])).not.toBe(hashParts([1, 'visit', 4]));
    expect(hashParts(['ab', 'c'])).not.toBe(hashParts(['a', 'bc']));
    expect(hashParts([12, 3])).not.toBe(hashParts([1, 23]));
  });

  test('uniform: mean 1/2, variance 1/12, never 0 or 1', () => {
    const r = new Random(7);
    let min = 1;
    let max = 0;
    const m = moments(() => {
      const u = r.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    });
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 3);
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
  });

  test('normal: mean 0, variance 1', () => {
    const r = new Random(8);
    const m = moments(() => r.normal());
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(m.variance).toBeCloseTo(1, 1);
  });

  test.each([0.3, 1, 2.5, 40])('gamma(shape %s, scale 2): mean 2·shape, variance 4·shape', (shape) => {
    const r = new Random(9);
    const m = moments(() => r.gamma(shape, 2));
    expect(m.mean / (2 * shape)).toBeCloseTo(1, 1);
    expect(m.variance / (4 * shape)).toBeCloseTo(1, 1);
  });

  test.each([0.2, 3, 29.5, 30, 75, 1200])('poisson(%s): mean and variance equal the mean', (mean) => {
    const r = new Random(10);
    const m = moments(() => r.poisson(mean));
    expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(mean / N) + 1e-9);
    expect(m.variance / mean).toBeGreaterThan(0.98);
    expect(m.variance / mean).toBeLessThan(1.02);
  });

  test.each([
    [5, 2],
    [40, 10],
    [300, 25],
  ])('negative binomial(mean %s, size %s): variance mean + mean²/size', (mean, size) => {
    const r = new Random(11);
    const m = moments(() => r.negativeBinomial(mean, size));
    const variance = mean + (mean * mean) / size;
    expect(m.mean / mean).toBeCloseTo(1, 1);
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.04);
  });

  test('negative binomial with an infinite size is Poisson', () => {
    const r = new Random(12);
    const m = moments(() => r.negativeBinomial(20, Infinity));
    expect(m.variance / 20).toBeCloseTo(1, 1);
  });

  test.each([
    [10, 0.3],
    [200, 0.05],
    [500, 0.9],
    [3000, 0.2],
  ])('binomial(%s, %s): mean np, variance np(1−p)', (n, p) => {
    const r = new Random(13);
    const m = moments(() => r.binomial(n, p), 20_000);
    expect(m.mean / (n * p)).toBeCloseTo(1, 1);
    expect(Math.abs(m.variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.04);
  });

  test('lognormal: median exp(meanlog), mean exp(meanlog + sdlog²/2)', () => {
    const r = new Random(14);
    const xs = Array.from({ length: N }, () => r.lognormal(1, 0.5)).sort((a, b) => a - b);
    expect(xs[N / 2]! / Math.E).toBeCloseTo(1, 1);
    expect(xs.reduce((s, x) => s + x, 0) / N / Math.exp(1 + 0.125)).toBeCloseTo(1, 1);
  });

  test('a weighted table draws in proportion to its weights', () => {
    const table = new WeightedTable(['a', 'b', 'c'], [1, 0, 3]);
    const r = new Random(15);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[table.draw(r) as 'a' | 'b' | 'c']++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeCloseTo(3, 0);
  });
});
