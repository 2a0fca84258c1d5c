export type {
  Cell,
  CountSeries,
  DetectionError,
  DetectionMethod,
  DetectionOutcome,
  DetectionResult,
  Range,
} from './detect/types.js';
export { methods, type RegisteredMethod } from './detect/registry.js';
export {
  dayNumber,
  seriesFromRows,
  type NamedSeries,
  type RawRow,
  type RowError,
  type SeriesTable,
} from './series/from-rows.js';
export { formatCell, resultHeader, resultLines } from './series/result-csv.js';
export * from './syndromes/index.js';
