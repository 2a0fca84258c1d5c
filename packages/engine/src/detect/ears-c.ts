import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const earsC: DetectionMethod<unknown> = {
  name: 'earsC',
  control: controlSchema({}),
  run: () => fail('method', 'earsC is not implemented yet'),
};
