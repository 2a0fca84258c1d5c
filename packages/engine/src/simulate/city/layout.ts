import type { Random } from '../random.js';
import type { Boundary, CityFacilityInput } from './city-input.js';
import { placeInDistrict } from './placement.js';
import type { SimDistrict, SimStreet } from './sim-city.js';
import type { SchoolLevel, SimFacility } from './sim-facility.js';

/**
 * How many simulated facilities of each kind the city gets, sized like real sentinel surveillance: a few
 * sentinel hospitals per district (more in the central districts), a sample of pharmacies and schools per
 * district, a handful of laboratories (the city CDC's and some district CDCs') and wastewater sites at the
 * treatment plants of the most populous districts.
 *
 * Ids: `<prefix>-S` and a number in a block per kind (sentinel hospitals 1001…, pharmacies 2001…, schools
 * 3001…, labs 4001…, wastewater sites 5001…), numbered in district-code order, so that changing how many
 * pharmacies there are does not renumber the schools.
 */
export interface CityLayout {
  /** Seeds the layout (sizes, streets, coordinates), apart from any scenario's seed. */
  readonly seed: number;
  readonly sentinelHospitals: { readonly central: number; readonly new_urban: number };
  readonly pharmaciesPerDistrict: number;
  readonly schoolsPerDistrict: Readonly<Record<SchoolLevel, number>>;
  readonly labs: number;
  readonly wastewaterSites: number;
}

export const DEFAULT_LAYOUT: CityLayout = {
  seed: 1,
  sentinelHospitals: { central: 3, new_urban: 2 },
  pharmaciesPerDistrict: 6,
  schoolsPerDistrict: { kindergarten: 2, primary: 4, middle: 2 },
  labs: 4,
  wastewaterSites: 6,
};

/** Enrolment ranges (uniform) by school level. */
const ENROLMENT: Readonly<Record<SchoolLevel, readonly [number, number]>> = {
  kindergarten: [150, 450],
  primary: [900, 2600],
  middle: [700, 2000],
};
const SCHOOL_NAME: Readonly<Record<SchoolLevel, string>> = {
  kindergarten: '幼儿园',
  primary: '小学',
  middle: '中学',
};
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

interface LayoutInput {
  readonly random: Random;
  readonly prefix: string;
  readonly cityName: string;
  readonly districts: readonly SimDistrict[];
  readonly boundaries: ReadonlyMap<string, Boundary | null>;
  readonly feverClinics: readonly (CityFacilityInput & { readonly districtCode: string })[];
  readonly layout: CityLayout;
}

/** A street name without its unit words: 大智街道 → 大智, 辛安渡办事处街道 → 辛安渡. */
function short(name: string): string {
  let base = name;
  for (let before = ''; before !== base;) {
    before = base;
    base = base.replace(/(街道|街|镇|乡|管委会|办事处|管理处)$/, '');
  }
  return base || name;
}

export function layOutFacilities(input: LayoutInput): SimFacility[] {
  const { random, prefix, districts, boundaries, layout } = input;
  const facilities: SimFacility[] = [];
  const counters = new Map<number, number>();
  const nextId = (block: number) => {
    const n = (counters.get(block) ?? 0) + 1;
    counters.set(block, n);
    return `${prefix}-S${block * 1000 + n}`;
  };
  const where = (d: SimDistrict) =>
    placeInDistrict(random, [d.lon, d.lat], d.areaKm2, boundaries.get(d.code));
  const size = () => random.lognormal(-0.06, 0.35); // mean 1
  const common = { nameEn: null, beds: null, source: 'simulated' as const };

  for (const f of input.feverClinics) {
    facilities.push({
      ...f,
      nameEn: null,
      beds: null,
      properties: {},
      source: 'city-data',
      reports: 'fever_clinic',
      districtCode: f.districtCode,
      size: size(),
    });
  }
  for (const d of districts) {
    const n = layout.sentinelHospitals[d.zone];
    for (let i = 0; i < n; i++) {
      const street = d.streets.draw(random);
      facilities.push({
        ...common,
        id: nextId(1),
        name: `${d.name}第${NUMERALS[i] ?? i + 1}哨点医院`,
        type: 'sentinel_hospital',
        placeCode: street.code,
        ...where(d),
        roles: ['ili_sentinel'],
        properties: { simulated: true },
        reports: 'sentinel_hospital',
        districtCode: d.code,
        size: size(),
      });
    }
  }
  for (const d of districts) {
    const used = new Map<string, number>();
    for (let i = 0; i < layout.pharmaciesPerDistrict; i++) {
      const street = d.streets.draw(random);
      facilities.push({
        ...common,
        id: nextId(2),
        name: uniqueName(used, short(street.name), '便民药房'),
        type: 'pharmacy',
        placeCode: street.code,
        ...where(d),
        roles: [],
        properties: { simulated: true },
        reports: 'pharmacy',
        districtCode: d.code,
        size: size(),
      });
    }
  }
  for (const d of districts) {
    const used = new Map<string, number>();
    for (const level of ['kindergarten', 'primary', 'middle'] as const) {
      for (let i = 0; i < layout.schoolsPerDistrict[level]; i++) {
        const street: SimStreet = d.streets.draw(random);
        const [lo, hi] = ENROLMENT[level];
        const enrolled = Math.round(lo + random.uniform() * (hi - lo));
        facilities.push({
          ...common,
          id: nextId(3),
          name: uniqueName(used, short(street.name), SCHOOL_NAME[level]),
          type: 'school',
          placeCode: street.code,
          ...where(d),
          roles: [level],
          properties: { simulated: true, level, enrolled },
          reports: 'school',
          districtCode: d.code,
          size: 1,
          school: { level, enrolled },
        });
      }
    }
  }
  const byPopulation = [...districts].sort(
    (a, b) => b.population - a.population || a.code.localeCompare(b.code),
  );
  byPopulation.slice(0, layout.labs).forEach((d, i) => {
    const cityLab = i === 0;
    facilities.push({
      ...common,
      id: nextId(4),
      name: cityLab ? `${input.cityName}疾病预防控制中心实验室` : `${d.name}疾病预防控制中心实验室`,
      type: 'lab',
      placeCode: d.streets.draw(random).code,
      ...where(d),
      roles: cityLab ? ['city_lab'] : ['district_lab'],
      properties: { simulated: true },
      reports: 'lab',
      districtCode: d.code,
      size: cityLab ? 2 : 1,
      catchment: cityLab ? districts.map((x) => x.code) : [d.code],
    });
  });
  byPopulation.slice(0, layout.wastewaterSites).forEach((d) => {
    facilities.push({
      ...common,
      id: nextId(5),
      name: `${d.name}污水处理厂进水口`,
      type: 'wastewater_site',
      placeCode: d.streets.draw(random).code,
      ...where(d),
      roles: [],
      properties: { simulated: true, catchmentPopulation: d.population },
      reports: 'wastewater_site',
      districtCode: d.code,
      size: 1,
      catchment: [d.code],
    });
  });
  return facilities;
}

/** 大智小学, then 大智第二小学 for a second one in the same street. */
function uniqueName(used: Map<string, number>, base: string, suffix: string): string {
  const key = base + suffix;
  const n = (used.get(key) ?? 0) + 1;
  used.set(key, n);
  return n === 1 ? key : `${base}第${NUMERALS[n - 1] ?? n}${suffix}`;
}
