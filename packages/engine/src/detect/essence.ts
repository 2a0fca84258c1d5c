/**
 * ESSENCE's detectors as CDC's Rnssp package defines them (`alert_ewma`, `alert_regression`, `alert_switch`);
 * each lives in `essence/` with its definition in its doc comment.
 */
export { essenceEwma } from './essence/ewma.js';
export { essenceRegression } from './essence/regression.js';
export { essenceSwitch } from './essence/switch.js';
