import type { SimCity } from '../city/sim-city.js';
import type { SimFacility } from '../city/sim-facility.js';
import { DEFAULT_SILENCE, silentDays, type SilenceModel } from '../models/delays.js';
import { holidayCurve, type HolidayProfileId } from '../models/week-and-holidays.js';
import { Random } from '../random.js';
import { SEASONAL_PROFILES, seasonalCurve, type SeasonalProfileId } from '../seasonality.js';
import type { SimChannel } from '../series.js';

/** Scenario-level adjustments of the parameter tables. */
export interface BaselineOptions {
  /** Multiplies every rate of a channel (1 = the table). */
  readonly scale: Partial<Record<SimChannel, number>>;
  /** Replaces a channel's negative binomial size k; Infinity makes it Poisson. */
  readonly dispersion: Partial<Record<SimChannel, number>>;
  readonly silence: SilenceModel;
  /** Year-to-year variation of the seasons (seasonality.ts); off gives every year the table's shape. */
  readonly seasonVariation: boolean;
  /** Long-term trends on (the table's rates are those of the last year) or off (flat). */
  readonly trend: boolean;
}

export const DEFAULT_BASELINE: BaselineOptions = {
  scale: {},
  dispersion: {},
  silence: DEFAULT_SILENCE,
  seasonVariation: true,
  trend: true,
};

/** What every channel's baseline shares: the days, the seasons and holidays (computed once), the silences. */
export interface BaselineContext {
  readonly city: SimCity;
  readonly seed: number;
  /** Day number of the first simulated day, and how many. */
  readonly first: number;
  readonly count: number;
  readonly options: BaselineOptions;
  readonly season: (id: SeasonalProfileId) => Float64Array;
  readonly holiday: (id: HolidayProfileId) => Float64Array;
  /** (1 + perYear)^(years before the last day): 1 on the last day. */
  readonly trend: (perYear: number) => Float64Array;
  /** 1 on the days the facility reports nothing. */
  readonly silent: (facility: SimFacility) => Uint8Array;
  readonly scale: (channel: SimChannel) => number;
  readonly k: (channel: SimChannel, tableK: number) => number;
}

export function baselineContext(
  city: SimCity,
  seed: number,
  first: number,
  count: number,
  options: BaselineOptions,
): BaselineContext {
  const memo = <K, V>(make: (key: K) => V) => {
    const cache = new Map<K, V>();
    return (key: K) => {
      let value = cache.get(key);
      if (value === undefined) {
        value = make(key);
        cache.set(key, value);
      }
      return value;
    };
  };
  const noSilence = new Uint8Array(count);
  return {
    city,
    seed,
    first,
    count,
    options,
    season: memo((id: SeasonalProfileId) => {
      const profile = SEASONAL_PROFILES[id];
      const shape = options.seasonVariation ? profile : { ...profile, amplitudeSdLog: 0, peakSdDays: 0 };
      return seasonalCurve(shape, first, count, Random.derive(seed, 'season', id));
    }),
    holiday: memo((id: HolidayProfileId) => holidayCurve(id, city.calendar, first, count)),
    trend: memo((perYear: number) => {
      const curve = new Float64Array(count).fill(1);
      if (options.trend && perYear !== 0) {
        const log = Math.log1p(perYear);
        for (let i = 0; i < count; i++) curve[i] = Math.exp((log * (i - (count - 1))) / 365.25);
      }
      return curve;
    }),
    silent: memo((facility: SimFacility) =>
      options.silence.startPerDay > 0
        ? silentDays(Random.derive(seed, 'silence', facility.id), count, options.silence)
        : noSilence,
    ),
    scale: (channel) => options.scale[channel] ?? 1,
    k: (channel, tableK) => options.dispersion[channel] ?? tableK,
  };
}
