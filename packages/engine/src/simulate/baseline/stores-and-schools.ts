import type { SimFacility } from '../city/sim-facility.js';
import {
  PHARMACY_MODELS,
  PHARMACY_TREND_PER_YEAR,
  SCHOOL_LEVEL_FACTOR,
  SCHOOL_MODELS,
  type DrugClass,
  type SchoolSignal,
} from '../models/channel-models.js';
import { WEEKDAY_PROFILES } from '../models/week-and-holidays.js';
import { Random } from '../random.js';
import type { SimSeries } from '../series.js';
import type { BaselineContext } from './context.js';
import { drawCounts, type CountModel } from './draw.js';

/** Pharmacy sales: store size × units per day, one series per drug class. */
export function pharmacyModel(ctx: BaselineContext, store: SimFacility, drug: DrugClass): CountModel {
  const model = PHARMACY_MODELS[drug];
  return {
    level: store.size * model.rate * ctx.scale('pharmacy'),
    season: ctx.season(model.season),
    weekday: WEEKDAY_PROFILES.pharmacy,
    holiday: ctx.holiday('pharmacy'),
    trend: ctx.trend(PHARMACY_TREND_PER_YEAR),
    k: ctx.k('pharmacy', model.k),
  };
}

/** School absence: pupils enrolled × rate per pupil per school day × the level's factor. */
export function schoolModel(ctx: BaselineContext, school: SimFacility, signal: SchoolSignal): CountModel {
  const model = SCHOOL_MODELS[signal];
  const info = school.school;
  const enrolled = info?.enrolled ?? 0;
  const factor = info ? SCHOOL_LEVEL_FACTOR[info.level] : 1;
  return {
    level: enrolled * model.rate * factor * ctx.scale('school'),
    season: ctx.season(model.season),
    weekday: WEEKDAY_PROFILES.school,
    holiday: ctx.holiday('none'),
    trend: ctx.trend(0),
    k: ctx.k('school', model.k),
  };
}

export function pharmacySeries(ctx: BaselineContext): Omit<SimSeries, 'index'>[] {
  const series: Omit<SimSeries, 'index'>[] = [];
  for (const store of ctx.city.facilities.filter((f) => f.reports === 'pharmacy')) {
    for (const drug of Object.keys(PHARMACY_MODELS) as DrugClass[]) {
      const random = Random.derive(ctx.seed, 'pharmacy', drug, store.id);
      series.push({
        channel: 'pharmacy',
        key: drug,
        facility: store,
        districtCode: store.districtCode,
        placeCode: store.placeCode,
        values: drawCounts(pharmacyModel(ctx, store, drug), ctx.first, ctx.count, random, ctx.silent(store)),
        outbreak: null,
        denominator: null,
      });
    }
  }
  return series;
}

export function schoolSeries(ctx: BaselineContext): Omit<SimSeries, 'index'>[] {
  const series: Omit<SimSeries, 'index'>[] = [];
  const open = (i: number) => ctx.city.calendar.schoolDay(ctx.first + i);
  const openDays = Uint8Array.from({ length: ctx.count }, (_, i) => (open(i) ? 1 : 0));
  for (const school of ctx.city.facilities.filter((f) => f.reports === 'school')) {
    const enrolled = school.school?.enrolled ?? 0;
    const silent = ctx.silent(school);
    for (const signal of Object.keys(SCHOOL_MODELS) as SchoolSignal[]) {
      const random = Random.derive(ctx.seed, 'school', signal, school.id);
      const values = drawCounts(
        schoolModel(ctx, school, signal),
        ctx.first,
        ctx.count,
        random,
        silent,
        (i) => openDays[i] === 1,
      );
      // Absences cannot exceed the roll (the schema refuses it); only a freak draw at a tiny school could.
      for (let i = 0; i < values.length; i++)
        if ((values[i] as number) > enrolled / 8) values[i] = Math.floor(enrolled / 8);
      series.push({
        channel: 'school',
        key: signal,
        facility: school,
        districtCode: school.districtCode,
        placeCode: school.placeCode,
        values,
        outbreak: null,
        denominator: values.map((v) => (Number.isNaN(v) ? 0 : enrolled)),
      });
    }
  }
  return series;
}
