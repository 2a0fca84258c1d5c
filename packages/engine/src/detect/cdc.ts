import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const cdc: DetectionMethod<unknown> = {
  name: 'algo.cdc',
  control: controlSchema({}),
  run: () => fail('method', 'algo.cdc is not implemented yet'),
};
