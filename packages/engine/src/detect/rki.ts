import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const rki: DetectionMethod<unknown> = {
  name: 'algo.rki',
  control: controlSchema({}),
  run: () => fail('method', 'algo.rki is not implemented yet'),
};

export const rki1: DetectionMethod<unknown> = {
  name: 'algo.rki1',
  control: controlSchema({}),
  run: () => fail('method', 'algo.rki1 is not implemented yet'),
};

export const rki2: DetectionMethod<unknown> = {
  name: 'algo.rki2',
  control: controlSchema({}),
  run: () => fail('method', 'algo.rki2 is not implemented yet'),
};

export const rki3: DetectionMethod<unknown> = {
  name: 'algo.rki3',
  control: controlSchema({}),
  run: () => fail('method', 'algo.rki3 is not implemented yet'),
};
