import { z } from 'zod';

/**
 * `range` as R's `control$range`, given as `[from, to]` (1-based, inclusive). R passes a vector `from:to`;
 * JSON has no such thing, so the pair stands for it.
 */
export const rangeSchema = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([from, to]) => from <= to, { message: 'range must be [from, to] with from <= to' })
  .readonly();

/** R-only controls that change no number; accepted so that R users' control lists work unchanged. */
const ignoredByR = {
  fitFun: z.string().optional(),
  verbose: z.boolean().optional(),
  glmWarnings: z.boolean().optional(),
};

/**
 * A method's control object: R's control names with R's defaults, plus `range`. Unknown names are refused
 * (a misspelt control must not be silently ignored).
 */
export function controlSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject({ range: rangeSchema.optional(), ...ignoredByR, ...shape });
}
