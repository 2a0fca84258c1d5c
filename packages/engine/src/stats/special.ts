import digammaFn from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import trigammaFn from '@stdlib/math-base-special-trigamma';

/** log |Γ(x)|, R's `lgamma`. */
export function lgamma(x: number): number {
  return gammaln(x);
}

/** ψ(x), R's `digamma`. */
export function digamma(x: number): number {
  return digammaFn(x);
}

/** ψ'(x), R's `trigamma`. */
export function trigamma(x: number): number {
  return trigammaFn(x);
}
