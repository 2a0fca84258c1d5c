import type { SimFacility } from './city/sim-facility.js';
import { seriesKey, unitOf, type SimChannel, type SimSeries } from './series.js';

/** The simulation's series by (channel, key, unit), with new all-zero place series made on demand. */
export class SeriesBook {
  readonly list: SimSeries[] = [];
  private readonly byKey = new Map<string, SimSeries>();

  constructor(
    readonly count: number,
    series: readonly Omit<SimSeries, 'index'>[],
  ) {
    for (const s of series) this.push(s);
  }

  private push(s: Omit<SimSeries, 'index'>): SimSeries {
    const full: SimSeries = { ...s, index: this.list.length };
    this.list.push(full);
    this.byKey.set(seriesKey(full.channel, full.key, unitOf(full)), full);
    return full;
  }

  get(channel: SimChannel, key: string, unit: string): SimSeries | undefined {
    return this.byKey.get(seriesKey(channel, key, unit));
  }

  /** The facility's series, or undefined when the facility does not report that key. */
  ofFacility(channel: SimChannel, key: string, facility: SimFacility): SimSeries | undefined {
    return this.get(channel, key, facility.id);
  }

  /**
   * A place series (report cards, hotline, opinion), created with zero baseline when the key has none
   * (a disease outside the baseline table, such as measles).
   */
  place(channel: SimChannel, key: string, placeCode: string, districtCode: string | null): SimSeries {
    return (
      this.get(channel, key, placeCode) ??
      this.push({
        channel,
        key,
        facility: null,
        districtCode,
        placeCode,
        values: new Float32Array(this.count),
        outbreak: null,
        denominator: null,
      })
    );
  }
}
