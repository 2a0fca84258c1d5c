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
export { civilDate, dayNumber as civilDayNumber } from './detect/farrington/calendar.js';
export * from './syndromes/index.js';
export { fisher, P_FLOOR, sidak, truncatedProduct, type TruncatedProduct } from './fusion/p-values.js';
export {
  concordance,
  type ChannelEvidence,
  type ChannelVerdict,
  type Concordance,
  type ConcordanceSettings,
} from './fusion/concordance.js';
export {
  ALERT_LEVELS,
  DISEASE_CLASSES,
  RULE_KINDS,
  conditionHolds,
  evaluateLevel,
  higherLevel,
  levelCondition,
  levelRank,
  levelRow,
  levelTableSchema,
  type AlertLevel,
  type DiseaseClassFact,
  type LevelCondition,
  type LevelDecision,
  type LevelFacts,
  type LevelRow,
  type LevelTable,
  type RuleKind,
} from './fusion/level-table.js';
export * from './simulate/index.js';
