import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const cusum: DetectionMethod<unknown> = {
  name: 'algo.cusum',
  control: controlSchema({}),
  run: () => fail('method', 'algo.cusum is not implemented yet'),
};
