import type { SimCity, SimStreet } from '../city/sim-city.js';
import type { SimFacility } from '../city/sim-facility.js';
import { WeightedTable } from '../random.js';

/**
 * Where an outbreak's cases live, from the place the scenario names: a community (all there), a street (its
 * communities), a district (its streets by weight), the city (every street by weight), or a facility — a
 * school's pupils or a hospital's catchment: 70 % in the facility's own street, the rest in its district.
 */
export interface OutbreakPlace {
  readonly code: string;
  readonly level: 'city' | 'district' | 'street' | 'community' | 'facility';
  readonly streets: WeightedTable<SimStreet>;
  /** Set when the place is one community: every case lives there. */
  readonly community: string | null;
  /** The facility named, if any; a school's cases are its pupils. */
  readonly facility: SimFacility | null;
}

const NEAR_SHARE = 0.7;

export function resolvePlace(city: SimCity, code: string): OutbreakPlace | string {
  const facility = city.facility.get(code);
  if (facility) {
    const district = city.district.get(facility.districtCode);
    if (!district) return `facility ${code} is not in a district of the city`;
    const own = city.street.get(facility.placeCode);
    const items = district.streets.items;
    const weights = items.map(
      (s) => ((own ? 1 - NEAR_SHARE : 1) * s.weight) / district.streets.total + (s === own ? NEAR_SHARE : 0),
    );
    return { code, level: 'facility', streets: new WeightedTable(items, weights), community: null, facility };
  }
  if (code === city.code) {
    const streets = [...city.street.values()];
    return {
      code,
      level: 'city',
      streets: new WeightedTable(
        streets,
        streets.map((s) => s.population),
      ),
      community: null,
      facility: null,
    };
  }
  const district = city.district.get(code);
  if (district)
    return { code, level: 'district', streets: district.streets, community: null, facility: null };
  const street = city.street.get(code);
  if (street)
    return {
      code,
      level: 'street',
      streets: new WeightedTable([street], [1]),
      community: null,
      facility: null,
    };
  const community = city.community.get(code);
  if (community) {
    const own = city.street.get(community.streetCode) as SimStreet;
    return {
      code,
      level: 'community',
      streets: new WeightedTable([own], [1]),
      community: code,
      facility: null,
    };
  }
  return `"${code}" is neither a place of the city nor a facility id`;
}
