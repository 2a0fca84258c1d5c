/**
 * The fixed table of the RKI system: for a Poisson mean `mu` = 0, 1, ..., 20, the limits of its
 * 95 % interval as the Robert Koch Institute tabulated them. Copied from R `surveillance`'s internal
 * dataset `CIdata` (`R/sysdata.rda`, documented in `?CIdata`), exported as
 * `test/reference/rki_CIdata.csv`; `rki-table.test.ts` checks this copy against that file.
 * `algo.rki` reads only `upper` (the table's third column) at row `floor(mu)`.
 */
export const RKI_CI_TABLE: readonly {
  readonly mu: number;
  readonly lower: number;
  readonly upper: number;
}[] = [
  { mu: 0, lower: 0, upper: 3.285 },
  { mu: 1, lower: 0.051, upper: 5.323 },
  { mu: 2, lower: 0.355, upper: 6.686 },
  { mu: 3, lower: 0.818, upper: 8.102 },
  { mu: 4, lower: 1.366, upper: 9.598 },
  { mu: 5, lower: 1.97, upper: 11.177 },
  { mu: 6, lower: 2.613, upper: 12.817 },
  { mu: 7, lower: 3.285, upper: 13.765 },
  { mu: 8, lower: 3.285, upper: 14.921 },
  { mu: 9, lower: 4.46, upper: 16.768 },
  { mu: 10, lower: 5.323, upper: 17.633 },
  { mu: 11, lower: 5.323, upper: 19.05 },
  { mu: 12, lower: 6.686, upper: 20.335 },
  { mu: 13, lower: 6.686, upper: 21.364 },
  { mu: 14, lower: 8.102, upper: 22.945 },
  { mu: 15, lower: 8.102, upper: 23.762 },
  { mu: 16, lower: 9.598, upper: 25.4 },
  { mu: 17, lower: 9.598, upper: 26.306 },
  { mu: 18, lower: 11.177, upper: 27.735 },
  { mu: 19, lower: 11.177, upper: 28.966 },
  { mu: 20, lower: 12.817, upper: 30.017 },
];

/** `upper` of the table row `floor(mu)`, for `0 <= mu <= 20` (RKI uses the table only there). */
export function rkiTableUpper(mu: number): number {
  return RKI_CI_TABLE[Math.floor(mu)]?.upper ?? NaN;
}
