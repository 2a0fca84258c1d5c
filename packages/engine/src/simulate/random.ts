import { lgamma } from '../stats/special.js';

/**
 * The simulator's random numbers: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom
 * number generators", the 32-bit variant) seeded through splitmix32, so that a scenario's seed gives the
 * same numbers on every machine and every Node version (Math.random gives neither).
 *
 * Sub-streams: `Random.derive(seed, 'visit', facility, day)` hashes its parts into a fresh seed, so that one
 * facility-day can be regenerated without replaying everything before it (records for a date range, the
 * same residences in the records as in the aggregated counts).
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let t = s ^ (s >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  /** A generator in a given state: for checking against the reference implementation's outputs. */
  static fromState(a: number, b: number, c: number, d: number): Random {
    const random = new Random(0);
    random.a = a >>> 0;
    random.b = b >>> 0;
    random.c = c >>> 0;
    random.d = d >>> 0;
    return random;
  }

  /** A generator seeded by the hash of `parts` (numbers and strings), e.g. (seed, channel, unit, day). */
  static derive(...parts: readonly (number | string)[]): Random {
    return new Random(hashParts(parts));
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform on the open interval (0, 1): never 0, so that log(u) is finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  /** Standard normal by Box–Muller (one value per call: no hidden spare, so streams stay easy to reason about). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Log-normal: exp(meanlog + sdlog · Z); its median is exp(meanlog). */
  lognormal(meanlog: number, sdlog: number): number {
    return Math.exp(meanlog + sdlog * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /** Gamma(shape, scale), mean shape·scale, by Marsaglia & Tsang (2000); shape < 1 by the U^(1/shape) boost. */
  gamma(shape: number, scale: number): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Poisson(mean): inversion below 30, Hörmann's PTRS transformed rejection (1993) above. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      let k = 0;
      let p = Math.exp(-mean);
      let cumulative = p;
      const u = this.uniform();
      while (u > cumulative && k < 1000) {
        k++;
        p *= mean / k;
        cumulative += p;
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  private poissonPtrs(mean: number): number {
    const sqrtMean = Math.sqrt(mean);
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * sqrtMean;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v * invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - lgamma(k + 1))
        return k;
    }
  }

  /**
   * Negative binomial with the given mean and size k (R's `rnbinom(mu =, size =)`): variance mean + mean²/k,
   * drawn as the gamma–Poisson mixture. An infinite size is Poisson.
   */
  negativeBinomial(mean: number, size: number): number {
    if (!(mean > 0)) return 0;
    if (!Number.isFinite(size)) return this.poisson(mean);
    return this.poisson(this.gamma(size, mean / size));
  }

  /** Binomial(n, p): counting geometric gaps, O(n·min(p, 1 − p)), exact for every n. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n < 16) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.uniform() < p) k++;
      return k;
    }
    const logQ = Math.log1p(-p);
    let k = 0;
    let position = Math.floor(Math.log(this.uniform()) / logQ);
    while (position < n) {
      k++;
      position += 1 + Math.floor(Math.log(this.uniform()) / logQ);
    }
    return k;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const x = list[i] as T;
      list[i] = list[j] as T;
      list[j] = x;
    }
    return list;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A 32-bit hash of numbers and strings (FNV-1a over string characters and over the two 32-bit halves of
 * numbers, a type tag and a separator after each part, then a murmur3 finaliser). Allocation-free: it runs
 * once per unit-day of records.
 */
export function hashParts(parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  const step = (x: number) => {
    h ^= x & 0xffff;
    h = Math.imul(h, 0x01000193);
    h ^= x >>> 16;
    h = Math.imul(h, 0x01000193);
  };
  for (const part of parts) {
    if (typeof part === 'number') {
      step(0x23);
      FLOAT[0] = part;
      step(WORDS[0] as number);
      step(WORDS[1] as number);
    } else {
      step(0x24);
      for (let i = 0; i < part.length; i++) step(part.charCodeAt(i));
    }
    step(0x2c); // a separator, so that ('ab', 'c') and ('a', 'bc') differ
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FLOAT = new Float64Array(1);
const WORDS = new Uint32Array(FLOAT.buffer);

/**
 * Draws indices in proportion to fixed weights in constant time, by Walker's alias method (Vose's stable
 * construction): built once for a catchment or a template list, then drawn from millions of times.
 */
export class WeightedTable<T> {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    const n = items.length;
    if (n === 0 || n !== weights.length) throw new Error('WeightedTable: bad weights');
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0)) throw new Error('WeightedTable: negative weight');
      total += w;
    }
    if (!(total > 0)) throw new Error('WeightedTable: weights sum to zero');
    this.total = total;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.probability[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) {
      this.probability[i] = 1;
      this.alias[i] = i;
    }
  }

  index(random: Random): number {
    const x = random.uniform() * this.probability.length;
    const i = Math.floor(x);
    return x - i < (this.probability[i] as number) ? i : (this.alias[i] as number);
  }

  draw(random: Random): T {
    return this.items[this.index(random)] as T;
  }
}
