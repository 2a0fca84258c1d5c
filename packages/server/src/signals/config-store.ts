import type pg from 'pg';
import { DEFAULT_RULES } from './default-rules.js';
import { isoInstant } from './signal-row.js';
import { DEFAULT_LOOKBACK, ruleInput, sameRule, type Rule, type RuleSpec } from './rule.js';

/**
 * The detection configuration in the database: rule revisions (`detection_rule`) and versions of the whole
 * set (`detection_config`; the highest is in force). Saving a configuration reuses the revision of every
 * rule that did not change, so its signals stay its own, and adds a revision for each rule that did.
 */

export interface DetectionConfig {
  readonly version: number;
  readonly rules: readonly Rule[];
  readonly author: string | null;
  readonly note: string;
  readonly createdAt: string;
}

interface RuleRow {
  id: number;
  key: string;
  revision: number;
  channel: Rule['channel'];
  signals: string[] | null;
  place_levels: Rule['placeLevels'];
  period: Rule['period'];
  method: string;
  control: Record<string, unknown>;
  lookback: number;
  history: number | null;
  description: string;
  created_at: string;
}

const RULE_COLUMNS = `id, key, revision, channel, signals, place_levels, period, method, control, lookback, history,
  description, ${isoInstant('created_at')} AS created_at`;

const ruleOf = (r: RuleRow): Rule => ({
  id: r.id,
  key: r.key,
  revision: r.revision,
  channel: r.channel,
  signals: r.signals,
  placeLevels: r.place_levels,
  period: r.period,
  method: r.method,
  control: r.control,
  lookback: r.lookback,
  history: r.history,
  description: r.description,
  createdAt: r.created_at,
});

/** The stored rule as the spec it was saved from (for comparing with an edited one). */
const specOf = (rule: Rule): RuleSpec => ({
  key: rule.key,
  channel: rule.channel,
  signals: rule.signals,
  placeLevels: rule.placeLevels,
  period: rule.period,
  method: rule.method,
  control: rule.control,
  lookback: rule.lookback,
  history: rule.history,
  description: rule.description,
});

type Queryable = pg.Pool | pg.PoolClient;

export async function readConfig(db: Queryable, version?: number): Promise<DetectionConfig | undefined> {
  const found = await db.query<{
    version: number;
    rule_ids: string[];
    author: string | null;
    note: string;
    created_at: string;
  }>(
    `SELECT version, rule_ids::text[] AS rule_ids, author, note, ${isoInstant('created_at')} AS created_at FROM detection_config
      WHERE $1::int IS NULL OR version = $1 ORDER BY version DESC LIMIT 1`,
    [version ?? null],
  );
  const config = found.rows[0];
  if (!config) return undefined;
  const rules = await db.query<RuleRow>(
    `SELECT ${RULE_COLUMNS} FROM detection_rule WHERE id = ANY($1::bigint[])`,
    [config.rule_ids],
  );
  const byId = new Map(rules.rows.map((r) => [String(r.id), ruleOf(r)]));
  return {
    version: config.version,
    rules: config.rule_ids.flatMap((id) => byId.get(id) ?? []),
    author: config.author,
    note: config.note,
    createdAt: config.created_at,
  };
}

/** Advisory-lock key of configuration saves (beside the migration, city, ingest and run locks). */
const CONFIG_LOCK = 7_415_264;

/**
 * Saves `specs` (already validated) as the next configuration version and returns it. `expectVersion`, when
 * given, must be the version in force (an edit based on an older one is refused: null is returned).
 */
export async function saveConfig(
  pool: pg.Pool,
  specs: readonly RuleSpec[],
  options: { author?: string | null; note?: string; expectVersion?: number } = {},
): Promise<DetectionConfig | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [CONFIG_LOCK]);
    const current = await readConfig(client);
    if (options.expectVersion !== undefined && (current?.version ?? 0) !== options.expectVersion) {
      await client.query('ROLLBACK');
      return null;
    }
    const latest = await client.query<RuleRow>(
      `SELECT DISTINCT ON (key) ${RULE_COLUMNS} FROM detection_rule WHERE key = ANY($1::text[]) ORDER BY key, revision DESC`,
      [specs.map((s) => s.key)],
    );
    const latestByKey = new Map(latest.rows.map((r) => [r.key, ruleOf(r)]));
    const ids: number[] = [];
    for (const spec of specs) {
      const previous = latestByKey.get(spec.key);
      if (previous && sameRule(specOf(previous), spec)) {
        ids.push(previous.id);
        continue;
      }
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO detection_rule (key, revision, channel, signals, place_levels, period, method, control, lookback,
                                     history, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          spec.key,
          (previous?.revision ?? 0) + 1,
          spec.channel,
          spec.signals,
          spec.placeLevels,
          spec.period,
          spec.method,
          JSON.stringify(spec.control),
          spec.lookback ?? DEFAULT_LOOKBACK[spec.period],
          spec.history,
          spec.description,
        ],
      );
      ids.push(inserted.rows[0]!.id);
    }
    const version = (current?.version ?? 0) + 1;
    await client.query(
      `INSERT INTO detection_config (version, rule_ids, author, note) VALUES ($1, $2, $3, $4)`,
      [version, ids, options.author ?? null, options.note ?? ''],
    );
    const saved = await readConfig(client, version);
    await client.query('COMMIT');
    return saved ?? null;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The configuration in force, saving the defaults as version 1 on first use. */
export async function activeConfig(pool: pg.Pool): Promise<DetectionConfig> {
  const current = await readConfig(pool);
  if (current) return current;
  const defaults = DEFAULT_RULES.map((r) => ruleInput.parse(r));
  // Two processes starting at once: the second save finds version 1 and is refused; read it then.
  const saved = await saveConfig(pool, defaults, { author: 'shaobing', note: 'defaults', expectVersion: 0 });
  return saved ?? (await readConfig(pool))!;
}
