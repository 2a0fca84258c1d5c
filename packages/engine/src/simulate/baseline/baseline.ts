import { SIM_CHANNELS, type SimSeries } from '../series.js';
import type { BaselineContext } from './context.js';
import { labSeries, wastewaterSeries } from './labs-and-wastewater.js';
import { placeSeries } from './place-channels.js';
import { pharmacySeries, schoolSeries } from './stores-and-schools.js';
import { visitSeries } from './visits.js';

/** Every channel's baseline series, in channel order (visit, report-card, pharmacy, …). */
export function baselineSeries(ctx: BaselineContext): Omit<SimSeries, 'index'>[] {
  const all = [
    ...visitSeries(ctx),
    ...placeSeries(ctx),
    ...pharmacySeries(ctx),
    ...schoolSeries(ctx),
    ...labSeries(ctx),
    ...wastewaterSeries(ctx),
  ];
  const order = (s: Omit<SimSeries, 'index'>) => SIM_CHANNELS.indexOf(s.channel);
  return all.sort((a, b) => order(a) - order(b));
}
