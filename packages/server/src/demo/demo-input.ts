import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, type CityInput, type Scenario } from '@shaobing/engine';
import { parse } from 'csv-parse/sync';
import { cityFolder, readCity } from '../city/read-city.js';

/** The shipped demo: data/scenarios/demo.json on the Wuhan city data, as the simulator takes them. */

const data = new URL('../../../../data/', import.meta.url);

export function demoScenario(): Scenario {
  const parsed = parseScenario(readFileSync(new URL('scenarios/demo.json', data), 'utf8'));
  if (!parsed.ok) throw new Error(`data/scenarios/demo.json: ${JSON.stringify(parsed.issues)}`);
  return parsed.scenario;
}

export async function demoCity(): Promise<CityInput> {
  const folder = cityFolder('wuhan');
  const { model } = await readCity(folder);
  const manifest = JSON.parse(readFileSync(join(folder, 'city.json'), 'utf8')) as {
    facilityIdPrefix: string;
  };
  const festivals = parse<{ year: string; spring_festival_date: string }>(
    readFileSync(new URL('calendar/spring_festival.csv', data), 'utf8'),
    { columns: true, skip_empty_lines: true },
  );
  return {
    id: model.city.id,
    code: model.city.code,
    name: model.city.name,
    facilityIdPrefix: manifest.facilityIdPrefix,
    places: model.places,
    facilities: model.facilities,
    springFestivals: festivals.map((f) => ({ year: Number(f.year), date: f.spring_festival_date })),
  };
}
