import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNEL_IDS } from '../channels/channel-id.js';
import { PLACE_LEVELS } from '../city/city-model.js';
import { ApiError, invalid } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { activeConfig, readConfig, saveConfig, type DetectionConfig } from './config-store.js';
import { PERIODS, ruleInput } from './rule.js';
import { ruleIssues } from './validate-rules.js';
import { access } from '../access/route-access.js';
import { DETECTION_EDITORS, SURVEILLANCE_READERS } from '../access/roles.js';

/**
 * GET /api/v1/detection/config (the configuration in force, or an earlier version) and PUT (a new version:
 * every rule's control is validated against its method, and a 400 names the rule's field).
 */

const rule = z.object({
  id: z.number().int().describe('this revision; signals name it'),
  key: z.string(),
  revision: z.number().int(),
  channel: z.enum(CHANNEL_IDS),
  signals: z.array(z.string()).nullable(),
  placeLevels: z.array(z.enum(PLACE_LEVELS)),
  period: z.enum(PERIODS),
  method: z.string(),
  control: z.record(z.string(), z.unknown()),
  lookback: z.number().int(),
  history: z.number().int().nullable(),
  description: z.string(),
  createdAt: z.string(),
});

const config = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  author: z.string().nullable(),
  note: z.string(),
  rules: z.array(rule),
});

const putBody = z.object({
  rules: z.array(ruleInput).max(500),
  note: z.string().max(1000).optional(),
  author: z.string().max(200).optional(),
  baseVersion: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('the version this edit starts from: refused (409) if another was saved since'),
});

const view = (c: DetectionConfig) => ({ ...c, rules: [...c.rules] });

export const configApi =
  ({ db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/detection/config',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['detection'],
          summary:
            'The detection configuration in force (or ?version=N): rules of method and controls per series',
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          response: { 200: config },
        },
      },
      async (request) => {
        const { version } = request.query;
        if (version === undefined) return view(await activeConfig(db.pool));
        const found = await readConfig(db.pool, version);
        if (!found) throw new ApiError('not-found', 'detection.config-not-found', { version });
        return view(found);
      },
    );

    app.put(
      '/api/v1/detection/config',
      {
        config: access.roles(...DETECTION_EDITORS),
        schema: {
          tags: ['detection'],
          summary: 'Save a new configuration version (validated against each method); it is in force at once',
          body: putBody,
          response: { 200: config },
        },
      },
      async (request) => {
        const { rules, note, author, baseVersion } = request.body;
        const issues = ruleIssues(rules);
        if (issues.length > 0) throw invalid(issues.map((i) => `${i.field}: ${i.reason}`).join('; '), issues);
        const saved = await saveConfig(db.pool, rules, {
          ...(note === undefined ? {} : { note }),
          author: author ?? null,
          ...(baseVersion === undefined ? {} : { expectVersion: baseVersion }),
        });
        if (!saved) throw new ApiError('conflict', 'detection.config-stale', { version: baseVersion ?? 0 });
        return view(saved);
      },
    );
  };
