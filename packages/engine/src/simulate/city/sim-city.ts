import { SimCalendar } from '../calendar.js';
import { Random, WeightedTable } from '../random.js';
import type { CityFacilityInput, CityInput, CityPlaceInput } from './city-input.js';
import { layOutFacilities, type CityLayout, DEFAULT_LAYOUT } from './layout.js';
import type { SimFacility } from './sim-facility.js';

/**
 * The simulated city: the real districts, streets and communities with simulation weights for where people
 * live, the real fever clinics as visit sources, and the simulated facilities of the channels the data lacks
 * (layout.ts). A pure function of the city data and the layout: the same city and layout give the same
 * facilities, ids and coordinates whatever the scenario's seed, so that every scenario reports through the
 * same facilities.
 *
 * Where people live within a district: no census figure exists below the districts, so streets and
 * communities get weights from their NBS unit type — an urban residents' committee (居委会, 类似居委会)
 * counts 3, a village committee (村委会) or other unit 1 — and share the district's population in
 * proportion. These weights place simulated patients and facilities; they are never shown as populations.
 */

export interface SimCommunity {
  readonly code: string;
  readonly streetCode: string;
  readonly weight: number;
}

export interface SimStreet {
  /** Position among all the city's streets (for dense per-street arrays). */
  readonly index: number;
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly weight: number;
  /** The district's population shared by weight (simulation only). */
  readonly population: number;
  readonly communities: WeightedTable<SimCommunity>;
}

export interface SimDistrict {
  readonly code: string;
  readonly name: string;
  readonly zone: 'central' | 'new_urban';
  readonly population: number;
  readonly areaKm2: number;
  readonly lon: number;
  readonly lat: number;
  readonly streets: WeightedTable<SimStreet>;
}

export interface SimCity {
  readonly code: string;
  readonly name: string;
  readonly calendar: SimCalendar;
  readonly districts: readonly SimDistrict[];
  readonly district: ReadonlyMap<string, SimDistrict>;
  readonly street: ReadonlyMap<string, SimStreet>;
  readonly community: ReadonlyMap<string, SimCommunity>;
  /** Every facility the simulation reports through: the city data's fever clinics, then the simulated ones. */
  readonly facilities: readonly SimFacility[];
  readonly facility: ReadonlyMap<string, SimFacility>;
  /** Where the patients of a facility in this district live: 85 % its own streets, 15 % the rest of the city. */
  readonly residence: (districtCode: string) => WeightedTable<SimStreet>;
  readonly population: number;
}

/** Share of a clinic's patients who live in its district; the rest come from anywhere in the city. */
export const OWN_DISTRICT_SHARE = 0.85;

const URBAN_UNITS = new Set(['居委会', '类似居委会']);

export function simulateCity(input: CityInput, layout: CityLayout = DEFAULT_LAYOUT): SimCity {
  const children = new Map<string, CityPlaceInput[]>();
  for (const p of input.places) {
    if (p.parentCode === null) continue;
    const list = children.get(p.parentCode) ?? [];
    list.push(p);
    children.set(p.parentCode, list);
  }
  const districtPlaces = input.places
    .filter((p) => p.level === 'district' && p.parentCode === input.code)
    .sort((a, b) => a.code.localeCompare(b.code));
  if (districtPlaces.length === 0) throw new Error(`city ${input.code} has no districts`);

  const street = new Map<string, SimStreet>();
  const community = new Map<string, SimCommunity>();
  const districts = districtPlaces.map((d): SimDistrict => {
    if (d.population === null || !(d.population > 0))
      throw new Error(`district ${d.code} ${d.name} has no population: the simulator needs one`);
    if (d.lon === null || d.lat === null) throw new Error(`district ${d.code} ${d.name} has no label point`);
    const streetPlaces = (children.get(d.code) ?? []).filter((s) => s.level === 'street');
    if (streetPlaces.length === 0) throw new Error(`district ${d.code} ${d.name} has no streets`);
    const shaped = streetPlaces.map((s) => {
      const communities = (children.get(s.code) ?? [])
        .filter((c) => c.level === 'community')
        .map((c) => ({
          code: c.code,
          streetCode: s.code,
          weight: URBAN_UNITS.has(c.unitType ?? '') ? 3 : 1,
        }));
      const weight = communities.reduce((sum, c) => sum + c.weight, 0) || 1;
      return { place: s, communities, weight };
    });
    const total = shaped.reduce((sum, s) => sum + s.weight, 0);
    const streets = shaped.map(({ place, communities, weight }): SimStreet => {
      for (const c of communities) community.set(c.code, c);
      const s: SimStreet = {
        index: street.size,
        code: place.code,
        name: place.name,
        districtCode: d.code,
        weight,
        population: ((d.population as number) * weight) / total,
        // A street without communities in the data places its residents at the street itself.
        communities:
          communities.length > 0
            ? new WeightedTable(
                communities,
                communities.map((c) => c.weight),
              )
            : new WeightedTable([{ code: place.code, streetCode: place.code, weight: 1 }], [1]),
      };
      street.set(s.code, s);
      return s;
    });
    return {
      code: d.code,
      name: d.name,
      zone: d.zone ?? 'central',
      population: d.population,
      areaKm2: d.areaKm2 ?? 100,
      lon: d.lon,
      lat: d.lat,
      streets: new WeightedTable(
        streets,
        streets.map((s) => s.weight),
      ),
    };
  });
  const district = new Map(districts.map((d) => [d.code, d]));
  const boundaries = new Map(districtPlaces.map((d) => [d.code, d.boundary ?? null]));

  const feverClinics = input.facilities
    .filter((f) => f.roles.includes('fever_clinic'))
    .sort((a, b) => a.id.localeCompare(b.id));
  const random = Random.derive('layout', input.code, layout.seed);
  const facilities = layOutFacilities({
    random,
    prefix: input.facilityIdPrefix,
    cityName: input.name,
    districts,
    boundaries,
    feverClinics: feverClinics.map((f) => ({ ...f, districtCode: districtOf(f, district) })),
    layout,
  });

  const residenceTables = new Map<string, WeightedTable<SimStreet>>();
  const allStreets = [...street.values()];
  const totalWeight = allStreets.reduce((sum, s) => sum + s.weight, 0);
  const residence = (districtCode: string) => {
    let table = residenceTables.get(districtCode);
    if (!table) {
      const own = district.get(districtCode)?.streets.total ?? 0;
      const weights = allStreets.map(
        (s) =>
          (s.districtCode === districtCode ? (OWN_DISTRICT_SHARE * s.weight) / own : 0) +
          ((1 - OWN_DISTRICT_SHARE) * s.weight) / totalWeight,
      );
      table = new WeightedTable(allStreets, weights);
      residenceTables.set(districtCode, table);
    }
    return table;
  };

  return {
    code: input.code,
    name: input.name,
    calendar: new SimCalendar(input.springFestivals),
    districts,
    district,
    street,
    community,
    facilities,
    facility: new Map(facilities.map((f) => [f.id, f])),
    residence,
    population: districts.reduce((sum, d) => sum + d.population, 0),
  };
}

function districtOf(f: CityFacilityInput, districts: ReadonlyMap<string, SimDistrict>): string {
  const code = f.placeCode.slice(0, 6);
  if (!districts.has(code))
    throw new Error(`facility ${f.id} stands in ${f.placeCode}, not in a district of the city`);
  return code;
}
