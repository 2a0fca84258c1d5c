import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { facilityCounts } from './aggregate/facility-counts.js';
import { placeCounts } from './aggregate/place-counts.js';
import { simulatedRecords } from './records/records.js';
import { parseScenario } from './scenario/validate.js';
import { simulate } from './simulate.js';
import { wuhanInput } from './testing/wuhan.js';

/**
 * How fast the demo city is made (data/scenarios/demo.json: six years of Wuhan). The bounds are loose,
 * for a loaded CI machine; the figures measured on the project's 2-core machine are in the README.
 */
test('six years of every channel in seconds, records at tens of thousands a second', () => {
  const v = parseScenario(
    readFileSync(new URL('../../../../data/scenarios/demo.json', import.meta.url), 'utf8'),
  );
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const input = wuhanInput();
  const seconds = (f: () => unknown) => {
    const started = performance.now();
    const value = f();
    return { value, seconds: (performance.now() - started) / 1000 };
  };
  const sim = seconds(() => simulate(v.scenario, input));
  const simulation = sim.value as ReturnType<typeof simulate>;
  const places = seconds(() => placeCounts(simulation, { levels: ['city', 'district'] }));
  const facilities = seconds(() => facilityCounts(simulation));
  const records = seconds(() => {
    let n = 0;
    for (const _ of simulatedRecords(simulation, { from: '2026-11-14', to: '2026-11-20' })) n++;
    return n;
  });
  const perSecond = (records.value as number) / records.seconds;
  console.log(
    `demo: ${simulation.series.length} series × ${simulation.count} days in ${sim.seconds.toFixed(1)} s; ` +
      `place totals (city, districts) ${places.seconds.toFixed(1)} s; facility totals ${facilities.seconds.toFixed(1)} s; ` +
      `${String(records.value)} records of a week at ${Math.round(perSecond)} a second`,
  );
  expect(sim.seconds).toBeLessThan(30);
  expect(perSecond).toBeGreaterThan(10_000);
});
