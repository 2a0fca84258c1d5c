import type { PopulationStep } from './city-manifest.js';
import type { CensusUnit } from './census-units.js';
import { CityDataError } from './city-data-error.js';
import { shareByLargestRemainder } from './largest-remainder.js';

/**
 * Administrative district populations from a census bulletin that reports some functional zones apart
 * from the districts they lie in (Wuhan 2020: 武汉经开, 东湖高新, 东湖风景, and 武汉化工 inside 青山).
 *
 * Each district starts from the bulletin unit carrying its code (for 汉南, the sub-item "其中:汉南"
 * inside 武汉经开). Then each step of the city's rule (city.json `population.rule`) moves the people of
 * some units — less any sub-items already counted as a district — to the districts the zone lies in,
 * shared by the step's weights with the largest-remainder method; a step with `from` takes them out of
 * the district whose figure already held them. The result must sum to the bulletin's city total exactly,
 * so that rates per 100,000 agree at district and city level. The rule itself, and why each weight is
 * what it is, lives in the data (`why`), because it is a fact about one census, not about the code.
 */

export interface DistrictPopulation {
  readonly population: number;
  /** The bulletin figure and every adjustment, for whoever asks where a number came from. */
  readonly note: string;
}

const RULE_FILE = 'city.json';
const n = (x: number) => x.toLocaleString('en-US');

export function apportionPopulation(
  censusFile: string,
  units: readonly CensusUnit[],
  totalUnit: string,
  districtCodes: readonly string[],
  rule: readonly PopulationStep[],
): Map<string, DistrictPopulation> {
  const byName = new Map(units.map((u) => [u.unit, u]));
  const unit = (name: string, field: string) => {
    const found = byName.get(name);
    if (!found)
      throw new CityDataError(RULE_FILE, `no census unit "${name}" in ${censusFile}`, undefined, field);
    return found;
  };
  const total = unit(totalUnit, 'population.total').population;

  const figures = new Map<string, { population: number; note: string[] }>();
  for (const code of districtCodes) {
    const base = units.filter(
      (u) => u.adminCode === code && (u.unitType === 'district' || u.unitType === 'functional_zone_subitem'),
    );
    if (base.length !== 1) {
      throw new CityDataError(censusFile, `district ${code} must be the admin_code of exactly one unit`);
    }
    const [b] = base as [CensusUnit];
    figures.set(code, {
      population: b.population,
      note: [`2020 census bulletin ${n(b.population)} (${b.unit})`],
    });
  }
  const district = (code: string, field: string) => {
    const found = figures.get(code);
    if (!found) throw new CityDataError(RULE_FILE, `${code} is not a district of the city`, undefined, field);
    return found;
  };

  rule.forEach((step, index) => {
    const at = `population.rule.${index}`;
    const moved = step.move.map((m) => unit(m, `${at}.move`));
    const less = step.less.map((m) => unit(m, `${at}.less`));
    const amount = moved.reduce((a, u) => a + u.population, 0) - less.reduce((a, u) => a + u.population, 0);
    if (amount < 0) throw new CityDataError(RULE_FILE, 'moves fewer than 0 people', undefined, at);
    const what = step.move.join('+') + (step.less.length ? ` less ${step.less.join('+')}` : '');
    if (step.from !== undefined) {
      const from = district(step.from, `${at}.from`);
      if (from.population < amount) {
        throw new CityDataError(RULE_FILE, `${step.from} holds fewer than ${n(amount)}`, undefined, at);
      }
      from.population -= amount;
      from.note.push(`− ${n(amount)} of ${what} (rule ${index + 1})`);
    }
    const codes = Object.keys(step.to);
    const weights = codes.map((c) => step.to[c] ?? 0);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const parts = shareByLargestRemainder(amount, weights);
    codes.forEach((code, i) => {
      const to = district(code, `${at}.to`);
      const part = parts[i] ?? 0;
      to.population += part;
      const share = codes.length > 1 ? `, weight ${n(weights[i] ?? 0)} of ${n(weightSum)}` : '';
      to.note.push(`+ ${n(part)} of ${what} (rule ${index + 1}${share})`);
    });
  });

  const sum = [...figures.values()].reduce((a, f) => a + f.population, 0);
  if (sum !== total) {
    throw new CityDataError(
      RULE_FILE,
      `districts sum to ${n(sum)}, the census total "${totalUnit}" is ${n(total)}: a census unit is not shared out, or is counted twice`,
      undefined,
      'population.rule',
    );
  }
  return new Map(
    [...figures].map(([code, f]) => {
      const adjusted = f.note.length > 1 ? ` = ${n(f.population)} (administrative area)` : '';
      return [code, { population: f.population, note: f.note.join(' ') + adjusted }];
    }),
  );
}
