import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const glrnb: DetectionMethod<unknown> = {
  name: 'algo.glrnb',
  control: controlSchema({}),
  run: () => fail('method', 'algo.glrnb is not implemented yet'),
};

export const glrpois: DetectionMethod<unknown> = {
  name: 'algo.glrpois',
  control: controlSchema({}),
  run: () => fail('method', 'algo.glrpois is not implemented yet'),
};
