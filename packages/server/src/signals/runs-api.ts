import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badQuery, decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from '../city/page.js';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { PERIODS } from './rule.js';
import { listNotEvaluated, listRuns, readRun, type RunSummary } from './run-summary.js';
import { detectionOf } from './scheduler.js';
import { access, principalOf } from '../access/route-access.js';
import { DETECTION_EDITORS, SURVEILLANCE_READERS } from '../access/roles.js';

/**
 * GET /api/v1/detection/runs (the latest runs: counts, step durations, why series were not evaluated),
 * GET /api/v1/detection/runs/{id}/not-evaluated (the full list, paged) and POST /api/v1/detection/run.
 * The series listed (reasons and the list) are those of the caller's jurisdiction; a run's totals stay the
 * city's — they name no place.
 */

const notEvaluatedItem = z.object({
  channel: z.string(),
  signal: z.string(),
  placeCode: z.string(),
  period: z.enum(PERIODS),
  ruleId: z.number().int(),
  ruleKey: z.string(),
  method: z.string(),
  field: z.string().describe('the control or input at fault'),
  reason: z.string(),
});

const reasonGroup = z.object({
  ruleKey: z.string(),
  method: z.string(),
  field: z.string(),
  count: z.number().int(),
  example: notEvaluatedItem.describe('one of them, with its reason'),
});

const run = z.object({
  id: z.number().int(),
  trigger: z.enum(['ingest', 'schedule', 'daily', 'manual']),
  scope: z.enum(['changed', 'all']),
  configVersion: z.number().int().nullable(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  series: z.number().int().describe('(series, rule) pairs looked at'),
  evaluations: z.number().int().describe('time points evaluated'),
  notEvaluated: z.number().int(),
  signalsNew: z.number().int(),
  signalsChanged: z.number().int(),
  signalsRetracted: z.number().int(),
  timings: z.record(z.string(), z.number()).describe('milliseconds: changes, read, evaluate, store, total'),
  error: z.string().nullable(),
});

const runWithReasons = run.extend({
  notEvaluatedReasons: z.array(reasonGroup).describe('the series not evaluated, by rule and field'),
});

/** The runs with their not-evaluated series grouped by reason, counting only series within `within`. */
async function withReasons(platform: Platform, runs: readonly RunSummary[], within: string) {
  const groups = await platform.db.pool.query<{
    run_id: number;
    key: string;
    method: string;
    field: string;
    count: number;
    example: z.infer<typeof notEvaluatedItem>;
  }>(
    `SELECT DISTINCT ON (n.run_id, r.key, n.method, n.field) n.run_id, r.key, n.method, n.field,
            count(*) OVER (PARTITION BY n.run_id, r.key, n.method, n.field)::int AS count,
            json_build_object('channel', n.channel, 'signal', n.signal, 'placeCode', n.place_code, 'period', n.period,
                              'ruleId', n.rule_id, 'ruleKey', r.key, 'method', n.method, 'field', n.field,
                              'reason', n.reason) AS example
       FROM detection_not_evaluated n JOIN detection_rule r ON r.id = n.rule_id
      WHERE n.run_id = ANY($1::bigint[]) AND n.place_code LIKE $2 || '%'
      ORDER BY n.run_id, r.key, n.method, n.field, n.place_code`,
    [runs.map((r) => r.id), likeLiteral(within)],
  );
  return runs.map((r) => ({
    ...r,
    notEvaluatedReasons: groups.rows
      .filter((g) => g.run_id === r.id)
      .map((g) => ({ ruleKey: g.key, method: g.method, field: g.field, count: g.count, example: g.example })),
  }));
}

export const runsApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/detection/runs',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['detection'],
          summary: 'The latest detection runs, newest first',
          querystring: z.object({ ...pageQuery, limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: pageOf(runWithReasons) },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        const after = decodeCursor(request, cursor);
        if (after !== undefined && !/^\d+$/.test(after))
          throw badQuery(request, 'cursor', 'query.bad-cursor');
        const runs = await listRuns(
          platform.db.pool,
          limit + 1,
          after === undefined ? undefined : Number(after),
        );
        const page = toPage(
          runs,
          limit,
          (r) => String(r.id),
          (r) => r,
        );
        return {
          items: await withReasons(platform, page.items, principalOf(request).jurisdiction),
          next: page.next,
        };
      },
    );

    app.get(
      '/api/v1/detection/runs/:id/not-evaluated',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['detection'],
          summary: 'Every series a run could not evaluate, with the reason',
          params: z.object({ id: z.coerce.number().int().min(1) }),
          querystring: z.object(pageQuery),
          response: { 200: pageOf(notEvaluatedItem) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const { limit, cursor } = request.query;
        if (!(await readRun(platform.db.pool, id)))
          throw new ApiError('not-found', 'detection.run-not-found', { id });
        const after = decodeCursor(request, cursor);
        let key: string[] | undefined;
        if (after !== undefined) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(after);
          } catch {
            parsed = undefined;
          }
          if (!Array.isArray(parsed) || parsed.length !== 5 || !parsed.every((p) => typeof p === 'string')) {
            throw badQuery(request, 'cursor', 'query.bad-cursor');
          }
          key = parsed;
        }
        const items = await listNotEvaluated(
          platform.db.pool,
          id,
          limit + 1,
          key,
          principalOf(request).jurisdiction,
        );
        return toPage(
          items,
          limit,
          (i) => JSON.stringify([i.channel, i.signal, i.placeCode, i.period, String(i.ruleId)]),
          (i) => i,
        );
      },
    );

    app.post(
      '/api/v1/detection/run',
      {
        config: access.roles(...DETECTION_EDITORS),
        schema: {
          tags: ['detection'],
          summary: 'Run detection now: every series (scope all, the default) or the changed ones',
          body: z.object({ scope: z.enum(['all', 'changed']).default('all') }).default({ scope: 'all' }),
          response: { 200: run },
        },
      },
      async (request) => detectionOf(platform.db.pool).run({ trigger: 'manual', scope: request.body.scope }),
    );
  };
