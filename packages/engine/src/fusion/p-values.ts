/**
 * Combining p-values, for the multi-point trigger (多点触发): several channels each carry a little evidence
 * about one outbreak, and the combination says how surprising their agreement is when nothing is happening.
 *
 * The signal store keeps only the time points at which a method came out below a relaxed level (say
 * p < 0.05): for the other channels we know no more than "p is larger". Zaykin's truncated product method
 * (TPM) is the combination whose null distribution is exact for exactly that information — it multiplies
 * the p-values at or below the truncation point τ and knows how many channels there were — whereas
 * Stouffer's z (weighted or not) and Fisher's product need every channel's p-value. With τ = 1 it is
 * Fisher's method. Like Fisher's, it rewards several moderate p-values together, not only one tiny one.
 *
 * References: Zaykin, Zhivotovsky, Westfall & Weir (2002), "Truncated product method for combining
 * P-values", Genetic Epidemiology 22:170–185, equation (1); Fisher (1932), Statistical Methods for
 * Research Workers, §21.1; Šidák (1967), JASA 62:626–633.
 */

/** The smallest p-value floored here: a method reporting 0 must not make the product 0 (log −∞). */
export const P_FLOOR = 1e-300;

/**
 * Šidák's correction: the probability that the smallest of `m` independent uniform p-values is `pMin` or
 * less — the p-value of "at least one of the m tests" when the smallest was chosen after looking.
 */
export function sidak(pMin: number, m: number): number {
  if (!(m > 1)) return clampP(pMin);
  // 1 − (1 − p)^m without the cancellation of 1 − (something near 1) for small p.
  return clampP(-Math.expm1(m * Math.log1p(-clampP(pMin))));
}

export interface TruncatedProduct {
  /** W: the product of the p-values at or below τ (1 when there are none). */
  readonly statistic: number;
  /** P(W ≤ w) for `count` independent uniform p-values. */
  readonly pvalue: number;
  /** How many p-values were at or below τ. */
  readonly included: number;
}

/**
 * Zaykin's truncated product of the p-values in `pvalues` (the channels with evidence) out of `count`
 * channels in all (the others' p-values are known to exceed τ, or unknown and taken to), truncated at τ.
 *
 *   P(W ≤ w) = Σ_{k=1..L} C(L,k) (1−τ)^{L−k} · { w Σ_{s=0..k−1} (k ln τ − ln w)^s / s!   if w ≤ τ^k
 *                                                 τ^k                                      otherwise }
 */
export function truncatedProduct(pvalues: readonly number[], count: number, tau: number): TruncatedProduct {
  if (!(tau > 0 && tau <= 1)) throw new RangeError(`truncation point τ must be in (0, 1], got ${tau}`);
  const kept = pvalues.map(clampP).filter((p) => p <= tau);
  const L = Math.max(count, pvalues.length);
  if (kept.length === 0 || L === 0) return { statistic: 1, pvalue: 1, included: 0 };
  const logW = kept.reduce((sum, p) => sum + Math.log(p), 0);
  const logTau = Math.log(tau);
  let total = 0;
  for (let k = 1; k <= L; k++) {
    const weight = binomial(L, k) * (tau === 1 ? (k === L ? 1 : 0) : Math.pow(1 - tau, L - k));
    if (weight === 0) continue;
    if (logW <= k * logTau) {
      const x = k * logTau - logW; // ≥ 0
      let term = 1;
      let sum = 1;
      for (let s = 1; s < k; s++) {
        term *= x / s;
        sum += term;
      }
      total += weight * Math.exp(logW + Math.log(sum));
    } else {
      total += weight * Math.exp(k * logTau);
    }
  }
  return { statistic: Math.exp(logW), pvalue: Math.min(1, Math.max(0, total)), included: kept.length };
}

/** Fisher's method: −2 Σ ln p ~ χ²(2n) under the null, i.e. the truncated product with τ = 1. */
export function fisher(pvalues: readonly number[]): number {
  return truncatedProduct(pvalues, pvalues.length, 1).pvalue;
}

function clampP(p: number): number {
  if (Number.isNaN(p)) throw new RangeError('a p-value is NaN');
  return Math.min(1, Math.max(P_FLOOR, p));
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}
