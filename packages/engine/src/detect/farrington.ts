import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const algoFarrington: DetectionMethod<unknown> = {
  name: 'algo.farrington',
  control: controlSchema({}),
  run: () => fail('method', 'algo.farrington is not implemented yet'),
};
