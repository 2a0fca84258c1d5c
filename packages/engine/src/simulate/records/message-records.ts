import type { SimDistrict } from '../city/sim-city.js';
import {
  HOTLINE_MODELS,
  OPINION_MODELS,
  type HotlineCategory,
  type OpinionCategory,
} from '../models/channel-models.js';
import { drawDelay, REPORTING_DELAY } from '../models/delays.js';
import { Random, WeightedTable } from '../random.js';
import type { SimSeries } from '../series.js';
import type { Simulation } from '../simulate.js';
import { baselineAt, compactDate, homesOf, timestamp, wakingSecond, type Homes } from './common.js';
import { hotlineText, OPINION_SOURCES, opinionText } from './messages.js';
import type { HotlineRecord, OpinionRecord, SimRecord } from './types.js';
import { dateOf } from '../calendar.js';

/**
 * Hotline messages of one district and category, and public-opinion posts of one place and category, on
 * day index i. A 12345 message names the caller's street (70 %) or only the district; an outbreak's
 * messages speak of a cluster in the case's street. A post names its district when the series is a
 * district's, and nothing when it is the city's.
 */

/** Share of 12345/120 messages that name a street rather than only the district. */
const STREET_NAMED = 0.7;

/** Where a baseline message counts: a street of the district or the district. Place totals draw the same. */
export function messagePlace(homes: Homes, district: SimDistrict): { code: string; name: string } {
  const street = district.streets.draw(homes.streets);
  return homes.streets.chance(STREET_NAMED)
    ? { code: street.code, name: street.name }
    : { code: district.code, name: district.name };
}

export function hotlineRecords(sim: Simulation, series: SimSeries, i: number): SimRecord[] {
  const district = sim.city.district.get(series.placeCode) as SimDistrict;
  const category = series.key as HotlineCategory;
  const line = HOTLINE_MODELS[category].line;
  const homes = homesOf(sim, 'hotline', `${category}/${district.code}`, i);
  const r = Random.derive(sim.seed, 'hotline-record', category, district.code, i);
  const day = sim.first + i;
  const messages: { place: { code: string; name: string }; cluster: string | null }[] = [];
  for (let k = baselineAt(series, i); k > 0; k--)
    messages.push({ place: messagePlace(homes, district), cluster: null });
  for (const e of sim.eventsOn(i)) {
    if (e.channel !== 'hotline' || e.series !== series) continue;
    const street = sim.city.street.get(e.case.streetCode);
    messages.push({
      place: { code: e.case.streetCode, name: street?.name ?? district.name },
      cluster: e.outbreak,
    });
  }
  const index = Object.keys(HOTLINE_MODELS).indexOf(category);
  return messages.map(({ place, cluster }, k): SimRecord => {
    const record: HotlineRecord = {
      line,
      messageId: `${compactDate(day)}-${district.code}-${String(index).padStart(2, '0')}-${String(k + 1).padStart(4, '0')}`,
      time: timestamp(day, wakingSecond(r)),
      text: hotlineText(r, category, place.name, sim.city.name, cluster !== null),
      category,
      place: place.code,
    };
    return {
      channel: 'hotline',
      record,
      date: dateOf(day),
      reportedOn: dateOf(day),
      outbreak: cluster === null ? null : { [cluster]: 1 },
    };
  });
}

const sources = new WeightedTable(Object.keys(OPINION_SOURCES), Object.values(OPINION_SOURCES));

export function opinionRecords(sim: Simulation, series: SimSeries, i: number): SimRecord[] {
  const category = series.key as OpinionCategory;
  const district = series.districtCode === null ? null : (sim.city.district.get(series.districtCode) ?? null);
  const r = Random.derive(sim.seed, 'opinion-record', category, series.placeCode, i);
  const day = sim.first + i;
  const posts: (string | null)[] = [];
  for (let k = baselineAt(series, i); k > 0; k--) posts.push(null);
  const streetNames = new Map<number, string>();
  for (const e of sim.eventsOn(i)) {
    if (e.channel !== 'opinion' || e.series !== series) continue;
    streetNames.set(posts.length, sim.city.street.get(e.case.streetCode)?.name ?? '');
    posts.push(e.outbreak);
  }
  const index = String(Object.keys(OPINION_MODELS).indexOf(category)).padStart(2, '0');
  return posts.map((outbreak, k): SimRecord => {
    const source = sources.draw(r);
    const about = streetNames.get(k) || district?.name || r.pick(sim.city.districts).name;
    const record: OpinionRecord = {
      source,
      postId: `${compactDate(day)}-${series.placeCode}-${index}-${String(k + 1).padStart(4, '0')}`,
      time: timestamp(day, wakingSecond(r)),
      text: opinionText(r, category, about, sim.city.name, outbreak !== null),
      category,
      ...(district ? { place: district.code } : {}),
    };
    return {
      channel: 'opinion',
      record,
      date: dateOf(day),
      reportedOn: dateOf(day + drawDelay(r, REPORTING_DELAY.opinion)),
      outbreak: outbreak === null ? null : { [outbreak]: 1 },
    };
  });
}
