import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const outbreakP: DetectionMethod<unknown> = {
  name: 'algo.outbreakP',
  control: controlSchema({}),
  run: () => fail('method', 'algo.outbreakP is not implemented yet'),
};
