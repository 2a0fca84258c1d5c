import { z } from 'zod';

/**
 * The controls `algo.farrington` and `farringtonFlexible` share, with R's defaults (the same names and
 * values in both R functions): `b` years back, half window `w`, reweighting, `alpha`, trend, the limit54 rule
 * and the power transformation of the threshold.
 */
export const farringtonFields = {
  b: z.number().int().min(1, 'b (years back) must be at least 1').default(5),
  w: z.number().int().min(0, 'w (half window) must be >= 0').default(3),
  reweight: z.boolean().default(true),
  alpha: z.number().gt(0, 'alpha must be in (0, 1)').lt(1, 'alpha must be in (0, 1)').default(0.05),
  trend: z.boolean().default(true),
  limit54: z
    .tuple([
      z.number().min(0, 'limit54[0] (cases) must be >= 0'),
      z.number().int().min(1, 'limit54[1] (weeks) must be a whole number > 0'),
    ])
    .default([5, 4]),
  powertrans: z.enum(['2/3', '1/2', 'none']).default('2/3'),
};
