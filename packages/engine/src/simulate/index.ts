/**
 * The simulator (issue: baseline simulator and outbreak injection): a seeded, reproducible city of
 * surveillance data — every channel's baseline with seasons, weekdays, holidays, trends, over-dispersion,
 * reporting delays and silent facilities, and outbreaks injected on top with their ground truth — as
 * aggregated daily counts for long histories and as individual records for the ingest.
 */
export { simulate, ScenarioCityError, type Simulation } from './simulate.js';
export {
  parseScenario,
  validateScenario,
  type ScenarioIssue,
  type ScenarioResult,
} from './scenario/validate.js';
export { scenarioSchema, type OutbreakSpec, type Scenario, type ScenarioInput } from './scenario/schema.js';
export type { CityFacilityInput, CityInput, CityPlaceInput } from './city/city-input.js';
export { simulateCity, type SimCity } from './city/sim-city.js';
export { DEFAULT_LAYOUT, type CityLayout } from './city/layout.js';
export type { SimFacility } from './city/sim-facility.js';
export type { SpringFestival } from './calendar.js';
export { simulatedRecords, type RecordOptions } from './records/records.js';
export type * from './records/types.js';
export { placeCounts, type PlaceLevel } from './aggregate/place-counts.js';
export { facilityCounts, RECORDS_SIGNAL } from './aggregate/facility-counts.js';
export type { AggregateSeries } from './aggregate/accumulator.js';
export type { AggregateOptions } from './aggregate/range.js';
export { serverSignals } from './aggregate/signals.js';
export { SIM_CHANNELS, type SimChannel, type SimSeries } from './series.js';
export { PATHOGENS, type PathogenId } from './outbreak/pathogens.js';
export type { OutbreakCase } from './outbreak/cases.js';
export type { OutbreakTruth } from './outbreak/truth.js';
export { Random } from './random.js';
