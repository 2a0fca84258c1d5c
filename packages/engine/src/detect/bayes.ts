import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const bayes: DetectionMethod<unknown> = {
  name: 'algo.bayes',
  control: controlSchema({}),
  run: () => fail('method', 'algo.bayes is not implemented yet'),
};

export const bayes1: DetectionMethod<unknown> = {
  name: 'algo.bayes1',
  control: controlSchema({}),
  run: () => fail('method', 'algo.bayes1 is not implemented yet'),
};

export const bayes2: DetectionMethod<unknown> = {
  name: 'algo.bayes2',
  control: controlSchema({}),
  run: () => fail('method', 'algo.bayes2 is not implemented yet'),
};

export const bayes3: DetectionMethod<unknown> = {
  name: 'algo.bayes3',
  control: controlSchema({}),
  run: () => fail('method', 'algo.bayes3 is not implemented yet'),
};
