import { validateScenario, type Scenario } from '@shaobing/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, principalOf } from '../access/route-access.js';
import { SURVEILLANCE_READERS } from '../access/roles.js';
import { ApiError, invalid, notFound } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { startDrillQueue, type DrillQueue } from './drill-queue.js';
import { drillReportSchema } from './report-schema.js';
import { shippedScenario, shippedScenarios } from './scenario-source.js';

/**
 * POST /api/v1/drills (start a drill: a shipped scenario by name or one given inline), GET /api/v1/drills
 * (newest first), GET /api/v1/drills/{id} (status, progress 0…1, phase) and GET /api/v1/drills/{id}/report.
 * Drills run one at a time in the background (drill-queue.ts); analysts, commanders and admins start them.
 */

const DRILL_STARTERS = ['analyst', 'commander', 'admin'] as const;

const drillView = z.object({
  id: z.number().int(),
  scenario: z.string().describe("the scenario's name"),
  runs: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().min(0).max(1),
  phase: z.string().nullable().describe('preparing, history, live, scoring, done'),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
type DrillView = z.infer<typeof drillView>;

const startBody = z.object({
  scenario: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .describe(
      'a shipped scenario by name (data/scenarios/<name>.json) or a scenario object (data/scenarios/README.md)',
    ),
  runs: z.number().int().min(1).max(20).default(1),
  liveDays: z.number().int().min(1).max(366).optional().describe('days played live without outbreaks (28)'),
  leadDays: z
    .number()
    .int()
    .min(0)
    .max(366)
    .optional()
    .describe('days played before the first outbreak (14)'),
});

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SELECT = `SELECT id, scenario_name AS scenario, runs, status, progress, phase, requested_by AS "requestedBy",
  ${iso('created_at')} AS "createdAt", ${iso('started_at')} AS "startedAt", ${iso('finished_at')} AS "finishedAt", error
  FROM drill`;

const queues = new WeakMap<Platform, DrillQueue>();

/** The platform's drill queue, started with the routes and stopped when the app closes. */
export function drillQueueOf(platform: Platform): DrillQueue {
  let queue = queues.get(platform);
  if (!queue) {
    queue = startDrillQueue({ pool: platform.db.pool, serverUrl: platform.db.url });
    queues.set(platform, queue);
  }
  return queue;
}

function scenarioOf(input: string | Record<string, unknown>): Scenario {
  const parsed = typeof input === 'string' ? shippedScenario(input) : validateScenario(input);
  if (!parsed.ok)
    throw invalid(
      typeof input === 'string' ? `shipped scenarios: ${shippedScenarios().join(', ')}` : 'the scenario',
      parsed.issues.map((i) => ({ field: `scenario.${i.path}`, reason: i.reason })),
    );
  if (parsed.scenario.city !== 'wuhan')
    throw invalid('the scenario', [{ field: 'scenario.city', reason: 'drills run on the wuhan city data' }]);
  return parsed.scenario;
}

export const drillsApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const pool = platform.db.pool;
    app.addHook('onClose', async () => {
      await queues.get(platform)?.stop();
      queues.delete(platform);
    });
    const one = async (id: number): Promise<DrillView> => {
      const row = await pool.query<DrillView>(`${SELECT} WHERE id = $1`, [id]);
      if (!row.rows[0]) throw notFound(`drill ${id}`);
      return row.rows[0];
    };

    app.post(
      '/api/v1/drills',
      {
        config: access.roles(...DRILL_STARTERS),
        schema: {
          tags: ['drills'],
          summary:
            'Start a drill (应急演练): play a scenario through the whole pipeline on throwaway databases',
          body: startBody,
          response: { 202: drillView },
        },
      },
      async (request, reply) => {
        const { runs, liveDays, leadDays } = request.body;
        const scenario = scenarioOf(request.body.scenario);
        const id = await drillQueueOf(platform).submit({
          scenario,
          runs,
          ...(liveDays === undefined ? {} : { liveDays }),
          ...(leadDays === undefined ? {} : { leadDays }),
          requestedBy: principalOf(request).username,
        });
        return reply.code(202).send(await one(id));
      },
    );

    app.get(
      '/api/v1/drills',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['drills'],
          summary: 'The drills, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ items: z.array(drillView) }) },
        },
      },
      async (request) => {
        const rows = await pool.query<DrillView>(`${SELECT} ORDER BY id DESC LIMIT $1`, [
          request.query.limit,
        ]);
        return { items: rows.rows };
      },
    );

    app.get(
      '/api/v1/drills/:id',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['drills'],
          summary: "A drill's status, progress (0…1) and phase",
          params: z.object({ id: z.coerce.number().int().min(1) }),
          response: { 200: drillView },
        },
      },
      async (request) => one(request.params.id),
    );

    app.get(
      '/api/v1/drills/:id/report',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['drills'],
          summary: "A finished drill's report (409 while it runs)",
          params: z.object({ id: z.coerce.number().int().min(1) }),
          response: { 200: drillReportSchema },
        },
      },
      async (request) => {
        const drill = await one(request.params.id);
        if (drill.status !== 'done')
          throw new ApiError('conflict', 'error.conflict', {
            detail: `drill ${drill.id} is ${drill.status}${drill.error ? `: ${drill.error}` : ''}`,
          });
        const row = await pool.query<{ report: unknown }>('SELECT report FROM drill WHERE id = $1', [
          drill.id,
        ]);
        return drillReportSchema.parse(row.rows[0]!.report);
      },
    );
  };
