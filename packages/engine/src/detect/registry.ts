import { bayes, bayes1, bayes2, bayes3 } from './bayes.js';
import { cdc } from './cdc.js';
import { cidarsMpm } from './cidars-mpm.js';
import { cusum } from './cusum.js';
import { earsC } from './ears-c.js';
import { essenceEwma, essenceRegression, essenceSwitch } from './essence.js';
import { algoFarrington } from './farrington.js';
import { farringtonFlexible } from './farrington-flexible.js';
import { glrnb, glrpois } from './glr.js';
import { outbreakP } from './outbreak-p.js';
import { rki, rki1, rki2, rki3 } from './rki.js';
import type { CountSeries, DetectionError, DetectionMethod, DetectionOutcome, Range } from './types.js';

/** A method whose control has been validated once, ready to run over many series. */
export type PreparedMethod = (series: CountSeries, range?: Range) => DetectionOutcome;

/** A method with its control type hidden: validates a raw control object, then runs. */
export interface RegisteredMethod {
  readonly name: string;
  /** Validates `control` (R's names, R's defaults) and runs the method; a bad control is a typed error. */
  readonly detect: (series: CountSeries, control: unknown) => DetectionOutcome;
  /**
   * Validates `control` once for many series (validation costs more than EARS on a year of weeks); `range`,
   * when given to the prepared method, replaces the control's for that series.
   */
  readonly prepare: (
    control: unknown,
  ) => { ok: true; run: PreparedMethod } | { ok: false; error: DetectionError };
}

function register<Control>(method: DetectionMethod<Control>): RegisteredMethod {
  const prepare: RegisteredMethod['prepare'] = (control) => {
    const parsed = method.control.safeParse(control ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'control';
      return { ok: false, error: { field, reason: issue?.message ?? 'invalid control' } };
    }
    const base = parsed.data;
    return {
      ok: true,
      run: (series, range) => method.run(series, range ? { ...base, range } : base),
    };
  };
  return {
    name: method.name,
    prepare,
    detect(series, control) {
      const prepared = prepare(control);
      return prepared.ok ? prepared.run(series) : { ok: false, error: prepared.error };
    },
  };
}

const all: RegisteredMethod[] = [
  register(earsC),
  register(farringtonFlexible),
  register(algoFarrington),
  register(cusum),
  register(glrnb),
  register(glrpois),
  register(rki),
  register(rki1),
  register(rki2),
  register(rki3),
  register(bayes),
  register(bayes1),
  register(bayes2),
  register(bayes3),
  register(cdc),
  register(outbreakP),
  register(cidarsMpm),
  register(essenceEwma),
  register(essenceRegression),
  register(essenceSwitch),
];

/** Every method by its R name (`earsC`, `algo.farrington`, …) or our own name for the new ones. */
export const methods: ReadonlyMap<string, RegisteredMethod> = new Map(all.map((m) => [m.name, m]));
