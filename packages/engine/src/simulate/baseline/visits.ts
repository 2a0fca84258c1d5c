import type { SimFacility } from '../city/sim-facility.js';
import {
  VISIT_CLASS_IDS,
  VISIT_CLASSES,
  VISIT_DISPERSION,
  VISIT_TREND_PER_YEAR,
  type VisitClass,
} from '../models/visit-classes.js';
import { WEEKDAY_PROFILES } from '../models/week-and-holidays.js';
import { Random } from '../random.js';
import type { SimSeries } from '../series.js';
import type { BaselineContext } from './context.js';
import { drawCounts, type CountModel } from './draw.js';

/** Facilities that report visits: the fever clinics and the sentinel hospitals. */
export const reportsVisits = (f: SimFacility) =>
  f.reports === 'fever_clinic' || f.reports === 'sentinel_hospital';

/** Visits per 100,000 residents per day of a complaint class at a facility's kind (0 if it reports no visits). */
export function visitRate(f: SimFacility, visitClass: VisitClass): number {
  if (f.reports === 'fever_clinic') return VISIT_CLASSES[visitClass].feverClinicRate;
  if (f.reports === 'sentinel_hospital') return VISIT_CLASSES[visitClass].sentinelRate;
  return 0;
}

/** The facility's share of its district's visits of its kind: its size over the kind's total size there. */
export function visitShare(ctx: BaselineContext, facility: SimFacility): number {
  let total = 0;
  for (const f of ctx.city.facilities) {
    if (f.reports === facility.reports && f.districtCode === facility.districtCode) total += f.size;
  }
  return facility.size / total;
}

export function visitModel(ctx: BaselineContext, facility: SimFacility, visitClass: VisitClass): CountModel {
  const population = ctx.city.district.get(facility.districtCode)?.population ?? 0;
  const model = VISIT_CLASSES[visitClass];
  return {
    level:
      (population / 1e5) * visitRate(facility, visitClass) * ctx.scale('visit') * visitShare(ctx, facility),
    season: ctx.season(model.season),
    weekday: WEEKDAY_PROFILES[facility.reports === 'fever_clinic' ? 'fever_clinic' : 'clinic'],
    holiday: ctx.holiday('clinic'),
    trend: ctx.trend(VISIT_TREND_PER_YEAR),
    k: ctx.k('visit', VISIT_DISPERSION),
  };
}

export function visitSeries(ctx: BaselineContext): Omit<SimSeries, 'index'>[] {
  const series: Omit<SimSeries, 'index'>[] = [];
  for (const facility of ctx.city.facilities.filter(reportsVisits)) {
    const silent = ctx.silent(facility);
    for (const visitClass of VISIT_CLASS_IDS) {
      if (visitRate(facility, visitClass) === 0) continue;
      const model = visitModel(ctx, facility, visitClass);
      const random = Random.derive(ctx.seed, 'visit', visitClass, facility.id);
      series.push({
        channel: 'visit',
        key: visitClass,
        facility,
        districtCode: facility.districtCode,
        placeCode: facility.placeCode,
        values: drawCounts(model, ctx.first, ctx.count, random, silent),
        outbreak: null,
        denominator: null,
      });
    }
  }
  return series;
}
