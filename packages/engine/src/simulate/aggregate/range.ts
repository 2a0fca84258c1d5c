import { dayOf } from '../calendar.js';
import { SIM_CHANNELS, type SimChannel } from '../series.js';
import type { Simulation } from '../simulate.js';

export interface AggregateOptions {
  /** First and last day, 'YYYY-MM-DD' (default: the whole period). */
  readonly from?: string;
  readonly to?: string;
  /** The channels to total (default: all); one at a time keeps memory low for street totals. */
  readonly channels?: readonly SimChannel[];
}

/** The options' day indices (inclusive) and channels. */
export function rangeOf(sim: Simulation, options: AggregateOptions) {
  const from = Math.max(0, options.from === undefined ? 0 : dayOf(options.from) - sim.first);
  const to = Math.min(
    sim.count - 1,
    options.to === undefined ? sim.count - 1 : dayOf(options.to) - sim.first,
  );
  return { from, to, days: Math.max(0, to - from + 1), channels: new Set(options.channels ?? SIM_CHANNELS) };
}
