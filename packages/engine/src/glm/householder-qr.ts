/**
 * Householder QR decomposition with R's limited column pivoting: LINPACK `dqrdc2` as modified for R
 * (Ihaka 1995, Ripley 1999), which `lm.fit` and `glm.fit` call through `dqrls` with tolerance 1e-7 and
 * 1e-11. A column whose remaining norm falls below `tol` times its original norm (an all-zero or
 * collinear column) is moved to the right-hand edge and left out of the rank; the others keep their
 * order, so `pivot` is the identity for a full-rank design.
 *
 * The matrix is stored column-major (`a[j * n + i]` is row `i`, column `j`), as LINPACK does, because
 * every step walks down columns. Row-major callers transpose once.
 */

/** The compact QR of an `n × p` matrix in LINPACK's layout. */
export interface HouseholderQr {
  readonly n: number;
  readonly p: number;
  /** Column-major `n × p`: `R` in the upper triangle, the Householder vectors below it. */
  readonly qr: Float64Array;
  /** LINPACK's `qraux`: the leading element of each Householder vector. */
  readonly qraux: Float64Array;
  /** `pivot[j]` is the original (0-based) column now in position `j`. */
  readonly pivot: Int32Array;
  /** Number of columns judged linearly independent (R's `rank`). */
  readonly rank: number;
}

/** Euclidean norm of `a[from], a[from + 1], …, a[from + len - 1]`. */
function norm2(a: Float64Array, from: number, len: number): number {
  let s = 0;
  for (let i = from, end = from + len; i < end; i++) {
    const v = a[i]!;
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * Decomposes the column-major `n × p` matrix `a` in place (R's `dqrdc2`). `tol` is the rank tolerance:
 * 1e-11 in `glm.fit`, 1e-7 in `lm.fit` and `qr()`.
 */
export function householderQr(a: Float64Array, n: number, p: number, tol: number): HouseholderQr {
  const qraux = new Float64Array(p);
  const origNorm = new Float64Array(p); // work(j, 2): original norms, 1 for an all-zero column
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    const nrm = norm2(a, j * n, n);
    qraux[j] = nrm;
    origNorm[j] = nrm === 0 ? 1 : nrm;
  }
  const lup = Math.min(n, p);
  let k = p + 1; // 1-based, as in the Fortran: columns k..p have been moved out
  for (let l = 1; l <= lup; l++) {
    const L = l - 1;
    // Move negligible columns to the right-hand edge (the check l < k avoids cycling forever).
    while (l < k && qraux[L]! < origNorm[L]! * tol) {
      for (let i = 0; i < n; i++) {
        const t = a[L * n + i]!;
        for (let j = L + 1; j < p; j++) a[(j - 1) * n + i] = a[j * n + i]!;
        a[(p - 1) * n + i] = t;
      }
      const piv = pivot[L]!;
      const qa = qraux[L]!;
      const on = origNorm[L]!;
      for (let j = L + 1; j < p; j++) {
        pivot[j - 1] = pivot[j]!;
        qraux[j - 1] = qraux[j]!;
        origNorm[j - 1] = origNorm[j]!;
      }
      pivot[p - 1] = piv;
      qraux[p - 1] = qa;
      origNorm[p - 1] = on;
      k -= 1;
    }
    if (l === n) break;
    const colL = L * n;
    let nrmxl = norm2(a, colL + L, n - L);
    if (nrmxl === 0) continue;
    const diag = a[colL + L]!;
    if (diag !== 0) nrmxl = diag < 0 ? -Math.abs(nrmxl) : Math.abs(nrmxl);
    const scale = 1 / nrmxl;
    for (let i = L; i < n; i++) a[colL + i] = a[colL + i]! * scale;
    a[colL + L] = 1 + a[colL + L]!;
    const pivotElement = a[colL + L]!;
    for (let j = L + 1; j < p; j++) {
      const colJ = j * n;
      let dot = 0;
      for (let i = L; i < n; i++) dot += a[colL + i]! * a[colJ + i]!;
      const t = -dot / pivotElement;
      for (let i = L; i < n; i++) a[colJ + i] = a[colJ + i]! + t * a[colL + i]!;
      const qj = qraux[j]!;
      if (qj === 0) continue;
      const ratio = Math.abs(a[colJ + L]!) / qj;
      const tt = Math.max(1 - ratio * ratio, 0);
      // Downdate the remaining column norm, recomputing it after a large reduction (R's 1999 fix).
      qraux[j] = Math.abs(tt) < 1e-6 ? norm2(a, colJ + L + 1, n - L - 1) : qj * Math.sqrt(tt);
    }
    qraux[L] = a[colL + L]!;
    a[colL + L] = -nrmxl;
  }
  return { n, p, qr: a, qraux, pivot, rank: Math.min(k - 1, n) };
}

/** Applies `Q'` to `y` in place (LINPACK `dqrsl`, job "qty"), using the first `rank` transformations. */
export function applyQt(qr: HouseholderQr, y: Float64Array): void {
  const { n, qr: a, qraux } = qr;
  const ju = Math.min(qr.rank, n - 1);
  for (let j = 0; j < ju; j++) {
    const qa = qraux[j]!;
    if (qa === 0) continue;
    const col = j * n;
    const saved = a[col + j]!;
    a[col + j] = qa;
    let dot = 0;
    for (let i = j; i < n; i++) dot += a[col + i]! * y[i]!;
    const t = -dot / qa;
    for (let i = j; i < n; i++) y[i] = y[i]! + t * a[col + i]!;
    a[col + j] = saved;
  }
}

/** Applies `Q` to `y` in place (LINPACK `dqrsl`, job "qy"). */
export function applyQ(qr: HouseholderQr, y: Float64Array): void {
  const { n, qr: a, qraux } = qr;
  const ju = Math.min(qr.rank, n - 1);
  for (let j = ju - 1; j >= 0; j--) {
    const qa = qraux[j]!;
    if (qa === 0) continue;
    const col = j * n;
    const saved = a[col + j]!;
    a[col + j] = qa;
    let dot = 0;
    for (let i = j; i < n; i++) dot += a[col + i]! * y[i]!;
    const t = -dot / qa;
    for (let i = j; i < n; i++) y[i] = y[i]! + t * a[col + i]!;
    a[col + j] = saved;
  }
}

/**
 * Solves `R b = qty[0..rank)` by back substitution (LINPACK `dqrsl`, job "b"); `b` has length `p` and
 * its entries from `rank` on are set to 0, as `dqrls` does for the aliased columns (pivoted order).
 */
export function backSolve(qr: HouseholderQr, qty: Float64Array, b: Float64Array): void {
  const { n, p, qr: a, rank } = qr;
  for (let j = 0; j < rank; j++) b[j] = qty[j]!;
  for (let j = rank; j < p; j++) b[j] = 0;
  for (let j = rank - 1; j >= 0; j--) {
    const col = j * n;
    b[j] = b[j]! / a[col + j]!;
    const t = -b[j]!;
    for (let i = 0; i < j; i++) b[i] = b[i]! + t * a[col + i]!;
  }
}

/**
 * Diagonal of the hat matrix `Q1 Q1'` (`Q1` = the first `rank` columns of `Q`), as R's `lm.influence`
 * computes it (applying `Q` to unit vectors), with values above `1 - 10 eps` set to exactly 1.
 */
export function hatDiagonal(qr: HouseholderQr, out: Float64Array = new Float64Array(qr.n)): Float64Array {
  const { n, rank } = qr;
  out.fill(0);
  const e = new Float64Array(n);
  for (let j = 0; j < rank; j++) {
    e.fill(0);
    e[j] = 1;
    applyQ(qr, e);
    for (let i = 0; i < n; i++) out[i] = out[i]! + e[i]! * e[i]!;
  }
  const limit = 1 - 10 * 2.220446049250313e-16;
  for (let i = 0; i < n; i++) if (out[i]! >= limit) out[i] = 1;
  return out;
}

/**
 * `|| v' R^-1 ||^2` for `v` given in pivoted order (only its first `rank` entries are used): the quadratic
 * form `v' (X'X)^-1 v` of the decomposed matrix, computed as R's `predict.lm` does for a new row.
 */
export function inverseRQuadraticForm(qr: HouseholderQr, v: ArrayLike<number>): number {
  const { n, qr: a, rank } = qr;
  // Solve u' R = v', i.e. R' u = v, by forward substitution; then the answer is |u|^2.
  const u = new Float64Array(rank);
  let sum = 0;
  for (let j = 0; j < rank; j++) {
    let s = v[j]!;
    const col = j * n;
    for (let i = 0; i < j; i++) s -= a[col + i]! * u[i]!;
    const uj = s / a[col + j]!;
    u[j] = uj;
    sum += uj * uj;
  }
  return sum;
}
