import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const farringtonFlexible: DetectionMethod<unknown> = {
  name: 'farringtonFlexible',
  control: controlSchema({}),
  run: () => fail('method', 'farringtonFlexible is not implemented yet'),
};
