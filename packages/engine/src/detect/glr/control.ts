import { z } from 'zod';
import { controlSchema } from '../control.js';

/**
 * The controls of R's `algo.glrnb` / `algo.glrpois` (surveillance help page `algo.glrnb`), with R's names
 * and defaults. Values R would accept but that make its C code loop forever or read outside the data are
 * refused here with a reason.
 */

/** R's `mu0` given as a list: the in-control model to fit on the data before the range. */
const inControlModelSchema = z.strictObject({
  S: z
    .number()
    .int({ error: 'mu0.S (number of harmonics) must be a whole number' })
    .min(0, { error: 'mu0.S (number of harmonics) must be 0 or more' })
    .default(1),
  trend: z.boolean({ error: 'mu0.trend must be true or false' }).default(false),
  refit: z.boolean({ error: 'mu0.refit must be true or false' }).default(false),
});

const inControlMeansSchema = z
  .array(z.number().positive({ error: 'mu0 values (in-control means) must be positive numbers' }))
  .min(1, { error: 'mu0 must hold one in-control mean per monitored time point' });

const shared = {
  'c.ARL': z.number().positive({ error: 'c.ARL (the alarm threshold) must be a positive number' }).default(5),
  mu0: z
    .union([inControlMeansSchema, inControlModelSchema], {
      error: 'mu0 must be an array of in-control means over the range or an object { S, trend, refit }',
    })
    .optional(),
  Mtilde: z
    .number()
    .int({ error: 'Mtilde must be a whole number' })
    .min(1, { error: 'Mtilde must be at least 1' })
    .default(1),
  M: z.number().int({ error: 'M must be a whole number' }).default(-1),
  change: z.enum(['intercept', 'epi'], { error: "change must be 'intercept' or 'epi'" }).default('intercept'),
  theta: z
    .number()
    .positive({ error: 'theta (the fixed change kappa on the log scale) must be a positive number' })
    .optional(),
  dir: z.enum(['inc', 'dec'], { error: "dir must be 'inc' or 'dec'" }).default('inc'),
  ret: z.enum(['value', 'cases'], { error: "ret must be 'value' or 'cases'" }).default('value'),
  xMax: z
    .number()
    .int({ error: 'xMax must be a whole number' })
    .min(0, { error: 'xMax must be 0 or more' })
    .default(1e4),
};

/** `M` is `-1` (no window) or a window at least `Mtilde` long: R's charts test no change point otherwise. */
function checkWindow(control: { M: number; Mtilde: number }, ctx: z.RefinementCtx): void {
  if (control.M !== -1 && control.M < control.Mtilde) {
    ctx.addIssue({
      code: 'custom',
      path: ['M'],
      message: `M must be -1 (no window) or at least Mtilde (${control.Mtilde}); with M = ${control.M} no change point is tested`,
    });
  }
}

export const glrnbControlSchema = controlSchema({
  ...shared,
  alpha: z
    .number()
    .min(0, { error: 'alpha (negative binomial dispersion) must be 0 or more; leave it out to estimate it' })
    .optional(),
}).superRefine(checkWindow);

export const glrpoisControlSchema = controlSchema({
  ...shared,
  alpha: z
    .literal(0, { error: 'algo.glrpois has to operate with alpha = 0 (use algo.glrnb for alpha > 0)' })
    .optional(),
}).superRefine(checkWindow);

export type GlrnbControl = z.infer<typeof glrnbControlSchema>;
export type GlrpoisControl = z.infer<typeof glrpoisControlSchema>;
