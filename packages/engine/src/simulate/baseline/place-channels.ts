import {
  HOTLINE_MODELS,
  HOTLINE_TREND_PER_YEAR,
  OPINION_MODELS,
  OPINION_PLACED_SHARE,
  OPINION_TREND_PER_YEAR,
  REPORT_CARD_MODELS,
  type BaselineDisease,
  type HotlineCategory,
  type OpinionCategory,
} from '../models/channel-models.js';
import { WEEKDAY_PROFILES } from '../models/week-and-holidays.js';
import { Random } from '../random.js';
import type { SimSeries } from '../series.js';
import type { BaselineContext } from './context.js';
import { drawCounts, type CountModel } from './draw.js';

/**
 * Channels counted by place rather than by facility: report cards (by residence district and onset day),
 * hotline messages (by district) and public-opinion posts (by district when they name one, else the city).
 */

const per100k = (ctx: BaselineContext, code: string) =>
  (code === ctx.city.code ? ctx.city.population : (ctx.city.district.get(code)?.population ?? 0)) / 1e5;

export function reportCardModel(
  ctx: BaselineContext,
  district: string,
  disease: BaselineDisease,
): CountModel {
  const model = REPORT_CARD_MODELS[disease];
  return {
    level: per100k(ctx, district) * model.rate * ctx.scale('report-card'),
    season: ctx.season(model.season),
    weekday: WEEKDAY_PROFILES.flat,
    holiday: ctx.holiday('none'),
    trend: ctx.trend(0),
    k: ctx.k('report-card', model.k),
  };
}

export function hotlineModel(ctx: BaselineContext, district: string, category: HotlineCategory): CountModel {
  const model = HOTLINE_MODELS[category];
  return {
    level: per100k(ctx, district) * model.rate * ctx.scale('hotline'),
    season: ctx.season(model.season),
    weekday: WEEKDAY_PROFILES.hotline,
    holiday: ctx.holiday('hotline'),
    trend: ctx.trend(HOTLINE_TREND_PER_YEAR),
    k: ctx.k('hotline', model.k),
  };
}

/** Posts that name a district count there (40 %); the rest at the city only (60 % of the city's). */
export function opinionModel(ctx: BaselineContext, place: string, category: OpinionCategory): CountModel {
  const model = OPINION_MODELS[category];
  const share = place === ctx.city.code ? 1 - OPINION_PLACED_SHARE : OPINION_PLACED_SHARE;
  return {
    level: per100k(ctx, place) * share * model.rate * ctx.scale('opinion'),
    season: ctx.season(model.season),
    weekday: WEEKDAY_PROFILES.flat,
    holiday: ctx.holiday('opinion'),
    trend: ctx.trend(OPINION_TREND_PER_YEAR),
    k: ctx.k('opinion', model.k),
  };
}

export function placeSeries(ctx: BaselineContext): Omit<SimSeries, 'index'>[] {
  const series: Omit<SimSeries, 'index'>[] = [];
  const add = (channel: SimSeries['channel'], key: string, place: string, model: CountModel) =>
    series.push({
      channel,
      key,
      facility: null,
      districtCode: place === ctx.city.code ? null : place,
      placeCode: place,
      values: drawCounts(model, ctx.first, ctx.count, Random.derive(ctx.seed, channel, key, place), null),
      outbreak: null,
      denominator: null,
    });
  for (const d of ctx.city.districts) {
    for (const disease of Object.keys(REPORT_CARD_MODELS) as BaselineDisease[])
      add('report-card', disease, d.code, reportCardModel(ctx, d.code, disease));
  }
  for (const d of ctx.city.districts) {
    for (const category of Object.keys(HOTLINE_MODELS) as HotlineCategory[])
      add('hotline', category, d.code, hotlineModel(ctx, d.code, category));
  }
  for (const place of [...ctx.city.districts.map((d) => d.code), ctx.city.code]) {
    for (const category of Object.keys(OPINION_MODELS) as OpinionCategory[])
      add('opinion', category, place, opinionModel(ctx, place, category));
  }
  return series;
}
