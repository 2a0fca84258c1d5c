import { controlSchema } from './control.js';
import { fail, type DetectionMethod } from './types.js';

// Placeholder until the method lands: refuses every input with a clear reason.
export const essenceEwma: DetectionMethod<unknown> = {
  name: 'essence.ewma',
  control: controlSchema({}),
  run: () => fail('method', 'essence.ewma is not implemented yet'),
};

export const essenceRegression: DetectionMethod<unknown> = {
  name: 'essence.regression',
  control: controlSchema({}),
  run: () => fail('method', 'essence.regression is not implemented yet'),
};

export const essenceSwitch: DetectionMethod<unknown> = {
  name: 'essence.switch',
  control: controlSchema({}),
  run: () => fail('method', 'essence.switch is not implemented yet'),
};
