import type { SimFacility } from '../city/sim-facility.js';
import {
  LAB_DISPERSION,
  LAB_PANELS,
  MAX_POSITIVITY,
  WASTEWATER_MODELS,
  WASTEWATER_NOISE_SDLOG,
  WASTEWATER_SAMPLING_WEEKDAYS,
  type LabPanelId,
  type WastewaterTarget,
} from '../models/channel-models.js';
import { WEEKDAY_PROFILES } from '../models/week-and-holidays.js';
import { Random } from '../random.js';
import type { SeasonalProfileId } from '../seasonality.js';
import type { SimSeries } from '../series.js';
import type { BaselineContext } from './context.js';
import { drawCounts, weekdayAt, type CountModel } from './draw.js';

/** Samples a lab tests per day for a panel: samples × lab size, the lab's week and holidays. */
export function labSampleModel(ctx: BaselineContext, lab: SimFacility, panel: LabPanelId): CountModel {
  return {
    level: LAB_PANELS[panel].samples * lab.size * ctx.scale('lab'),
    season: ctx.season('flat'),
    weekday: WEEKDAY_PROFILES.lab,
    holiday: ctx.holiday('lab'),
    trend: ctx.trend(0),
    k: ctx.k('lab', LAB_DISPERSION),
  };
}

/** The share of a panel's samples positive for a pathogen on day i. */
export function positivity(ctx: BaselineContext, panel: LabPanelId, pathogen: string, i: number): number {
  const pathogens: Readonly<Record<string, { positivity: number; season: SeasonalProfileId }>> =
    LAB_PANELS[panel].pathogens;
  const p = pathogens[pathogen];
  if (!p) return 0;
  return Math.min(MAX_POSITIVITY, p.positivity * (ctx.season(p.season)[i] as number));
}

/**
 * One series per (lab, pathogen): positives as values, the panel's samples as the denominator (every
 * sample of a panel is tested for each of its pathogens, so they share it).
 */
export function labSeries(ctx: BaselineContext): Omit<SimSeries, 'index'>[] {
  const series: Omit<SimSeries, 'index'>[] = [];
  for (const lab of ctx.city.facilities.filter((f) => f.reports === 'lab')) {
    const silent = ctx.silent(lab);
    for (const panel of Object.keys(LAB_PANELS) as LabPanelId[]) {
      const random = Random.derive(ctx.seed, 'lab', panel, lab.id);
      const samples = drawCounts(labSampleModel(ctx, lab, panel), ctx.first, ctx.count, random, silent);
      for (const pathogen of Object.keys(LAB_PANELS[panel].pathogens)) {
        const values = new Float32Array(ctx.count);
        for (let i = 0; i < ctx.count; i++) {
          const n = samples[i] as number;
          values[i] = Number.isNaN(n) ? NaN : random.binomial(n, positivity(ctx, panel, pathogen, i));
        }
        series.push({
          channel: 'lab',
          key: pathogen,
          facility: lab,
          districtCode: lab.districtCode,
          placeCode: lab.placeCode,
          values,
          outbreak: null,
          denominator: samples.map((n) => (Number.isNaN(n) ? 0 : n)),
        });
      }
    }
  }
  return series;
}

/** The panel whose samples are tested for a pathogen. */
export function panelOf(pathogen: string): LabPanelId | undefined {
  return (Object.keys(LAB_PANELS) as LabPanelId[]).find((p) => pathogen in LAB_PANELS[p].pathogens);
}

/** Median concentration of a target on day i (before the lognormal noise). */
export function wastewaterMedian(ctx: BaselineContext, target: WastewaterTarget, i: number): number {
  const model = WASTEWATER_MODELS[target];
  return model.median * (ctx.season(model.season)[i] as number) * ctx.scale('wastewater');
}

export function wastewaterSeries(ctx: BaselineContext): Omit<SimSeries, 'index'>[] {
  const series: Omit<SimSeries, 'index'>[] = [];
  for (const site of ctx.city.facilities.filter((f) => f.reports === 'wastewater_site')) {
    const silent = ctx.silent(site);
    for (const target of Object.keys(WASTEWATER_MODELS) as WastewaterTarget[]) {
      const random = Random.derive(ctx.seed, 'wastewater', target, site.id);
      const values = new Float32Array(ctx.count);
      for (let i = 0; i < ctx.count; i++) {
        const sampled = WASTEWATER_SAMPLING_WEEKDAYS.includes(weekdayAt(ctx.first, i)) && !silent[i];
        const value = wastewaterMedian(ctx, target, i) * random.lognormal(0, WASTEWATER_NOISE_SDLOG);
        values[i] = sampled ? Math.round(value) : NaN;
      }
      series.push({
        channel: 'wastewater',
        key: target,
        facility: site,
        districtCode: site.districtCode,
        placeCode: site.placeCode,
        values,
        outbreak: null,
        denominator: null,
      });
    }
  }
  return series;
}
