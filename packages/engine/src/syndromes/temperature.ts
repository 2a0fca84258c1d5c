/**
 * Temperatures read from complaint text (already normalised: ℃ is °c, digits are ASCII). A number is a
 * temperature when a unit follows it (38.5°c, 38.5度, 38度5, 101.3°f, 39c) or a temperature word comes
 * before it (体温39.2, t 39, tmax 38.9, fever 38.6, fever of 102). Without a unit, 30–45 is read as °C and
 * 86–113 as °F; 度 and a bare ° likewise. Values outside the plausible range are misreadings and dropped.
 * A range (38-39℃, 38~39度) gives both ends.
 */

const NUMBER = String.raw`(\d{2,3}(?:\.\d{1,2})?)`;
const RANGE = String.raw`(?:\s*(?:-|~|至|到)\s*${NUMBER})?`;

export type TemperatureReader = (text: string) => number | undefined;

export function makeTemperatureReader(
  prefixes: readonly string[],
  plausible: { readonly min: number; readonly max: number },
): TemperatureReader {
  const withUnit = new RegExp(
    String.raw`(?<![\d.])${NUMBER}${RANGE}\s*(°\s*c|°\s*f|摄氏度|华氏度|度(\d(?![\d.]))?|°|c(?![a-z])|f(?![a-z]))`,
    'g',
  );
  const words = [...prefixes].sort((a, b) => b.length - a.length).map(escape);
  const afterWord = new RegExp(
    String.raw`(?<![a-z])(?:${words.join('|')})\s*(?:[:=]\s*)?` +
      String.raw`(?:(?:of|to|up to|is|was|达|至|到|为|最高|最高达|高达|约)\s*)*${NUMBER}(?![\d])${RANGE}`,
    'g',
  );

  const accept = (celsius: number, best: number | undefined) =>
    celsius >= plausible.min && celsius <= plausible.max && (best === undefined || celsius > best)
      ? Math.round(celsius * 10) / 10
      : best;

  // exec() with lastIndex rather than matchAll(), which copies the expression on every call.
  return (text) => {
    if (!/\d/.test(text)) return undefined;
    let best: number | undefined;
    withUnit.lastIndex = 0;
    for (let m = withUnit.exec(text); m !== null; m = withUnit.exec(text)) {
      const unit = (m[3] ?? '').replace(/\s/g, '');
      const decimal = m[4];
      const first = m[1] ?? '';
      const value = Number(decimal !== undefined && !first.includes('.') ? `${first}.${decimal}` : first);
      best = accept(toCelsius(value, unit), best);
      if (m[2] !== undefined) best = accept(toCelsius(Number(m[2]), unit), best);
    }
    afterWord.lastIndex = 0;
    for (let m = afterWord.exec(text); m !== null; m = afterWord.exec(text)) {
      best = accept(toCelsius(Number(m[1]), ''), best);
      if (m[2] !== undefined) best = accept(toCelsius(Number(m[2]), ''), best);
    }
    return best;
  };
}

function toCelsius(value: number, unit: string): number {
  if (unit === '°c' || unit === 'c' || unit === '摄氏度') return value;
  if (unit === '°f' || unit === 'f' || unit === '华氏度') return fahrenheit(value);
  // No unit, or one that does not say which scale (度, °): the value says it.
  if (value >= 30 && value <= 45) return value;
  if (value >= 86 && value <= 113) return fahrenheit(value);
  return NaN;
}

const fahrenheit = (value: number) => ((value - 32) * 5) / 9;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*');
}
