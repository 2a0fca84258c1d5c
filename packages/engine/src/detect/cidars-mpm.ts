import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const cidarsMpm: DetectionMethod<unknown> = {
  name: 'cidars.mpm',
  control: controlSchema({}),
  run: () => fail('method', 'cidars.mpm is not implemented yet'),
};
