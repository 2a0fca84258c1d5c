import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { methods } from '@shaobing/engine';

/**
 * `npm run bench:essence`: the ESSENCE detectors on the shape of the demo's daily series — 2,000 Poisson
 * series of 120 days (means 1 to 40), each evaluated over its last 28 days, as a detection run's lookback
 * does. Prints the median of five timed passes after one untimed pass (JIT and the critical-value cache).
 */

const SERIES = 2000;
const DAYS = 120;
const PASSES = 5;

let state = 7;
const uniform = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
function poisson(mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let sum = p;
  const u = uniform();
  while (u > sum) {
    k++;
    p *= mean / k;
    sum += p;
  }
  return k;
}

const series = Array.from({ length: SERIES }, (_, i) => ({
  frequency: 365,
  observed: Float64Array.from({ length: DAYS }, () => poisson(1 + (i % 40))),
}));

console.log(
  `# bench:essence — ${SERIES} daily series × ${DAYS} days, last 28 evaluated, Node ${process.version}\n`,
);
console.log('| method | median ms | µs per series | load average |');
console.log('| --- | --- | --- | --- |');
for (const name of ['essence.ewma', 'essence.regression', 'essence.switch']) {
  const method = methods.get(name);
  const prepared = method?.prepare({ range: [DAYS - 27, DAYS] });
  if (!prepared?.ok) throw new Error(`${name}: ${JSON.stringify(prepared?.error)}`);
  const pass = () => {
    for (const s of series) {
      const outcome = prepared.run(s);
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.reason}`);
    }
  };
  pass();
  const times: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const start = performance.now();
    pass();
    times.push(performance.now() - start);
  }
  const median = times.sort((a, b) => a - b)[Math.floor(PASSES / 2)] as number;
  console.log(
    `| ${name} | ${median.toFixed(0)} | ${((median * 1000) / SERIES).toFixed(0)} | ${loadavg()[0]?.toFixed(1)} |`,
  );
}
