export type {
  Cell,
  CountSeries,
  DetectionError,
  DetectionMethod,
  DetectionOutcome,
  DetectionResult,
  Range,
} from './detect/types.js';
export { methods, type RegisteredMethod } from './detect/registry.js';
