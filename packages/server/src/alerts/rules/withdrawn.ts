import { concordance } from '@shaobing/engine';
import type pg from 'pg';
import type { ChannelId } from '../../channels/channel-id.js';
import type { NotifiableDiseases } from '../../channels/notifiable-diseases.js';
import type { AlertConfig, AlertRule } from '../config/schema.js';
import type { Withdrawal } from '../store/retract.js';
import { readCaseRecords } from './case-records.js';
import { evidenceItem, type ConcordanceEvidence, type EvidenceItem } from './evidence.js';
import { matchCase } from './single-case.js';

/**
 * Which standing firings of open alerts no longer stand once data is taken back:
 *   - statistical: every signal it rests on is retracted (a later run on corrected data no longer alarms);
 *   - concordance: decided again on the signals of its channels still alarming, with their current
 *     p-values, it no longer fires (too few channels agree, or the combined p is above fusedAlpha); a zone
 *     that still fires with fewer channels stands at the level it fired at;
 *   - single-case: its record is withdrawn, or corrected so that the rule no longer matches it;
 *   - cluster of matched cases: fewer than `minCases` of its members are still matched cases.
 * A cluster counted from a series (school absence) is not decided again here: its counts are not cases.
 */

interface FiringRow {
  id: number;
  alert_id: number;
  rule_id: string;
  kind: AlertRule['kind'];
  evidence: unknown;
}

const parseEvidence = (raw: unknown): EvidenceItem[] => evidenceItem.array().parse(raw);

async function standingFirings(pool: pg.Pool, kinds: readonly AlertRule['kind'][]): Promise<FiringRow[]> {
  const rows = await pool.query<FiringRow>(
    `SELECT f.id, f.alert_id, f.rule_id, f.kind, f.evidence FROM alert_firing f JOIN alert a ON a.id = f.alert_id
      WHERE a.status = 'open' AND f.withdrawn_at IS NULL AND f.kind = ANY($1::text[])`,
    [kinds],
  );
  return rows.rows;
}

const signalIdsOf = (evidence: readonly EvidenceItem[]) =>
  evidence.flatMap((e) =>
    e.type === 'signal'
      ? [e.signalId]
      : e.type === 'concordance'
        ? e.channels.flatMap((c) => c.signalIds)
        : [],
  );

/** Firings resting on the retracted signals that no longer stand. */
export async function withdrawnBySignals(
  pool: pg.Pool,
  config: AlertConfig,
  retractedIds: readonly number[],
): Promise<Withdrawal[]> {
  if (retractedIds.length === 0) return [];
  const retracted = new Set(retractedIds);
  const touched = (await standingFirings(pool, ['statistical', 'concordance']))
    .map((f) => ({ firing: f, evidence: parseEvidence(f.evidence) }))
    .filter(({ evidence }) => signalIdsOf(evidence).some((id) => retracted.has(id)));
  if (touched.length === 0) return [];
  const ids = [...new Set(touched.flatMap(({ evidence }) => signalIdsOf(evidence)))];
  const current = new Map(
    (
      await pool.query<CurrentSignal>(
        'SELECT id, alarm, pvalue, place_code FROM detection_signal WHERE id = ANY($1::bigint[])',
        [ids],
      )
    ).rows.map((r) => [r.id, r]),
  );
  const stands = (id: number) => current.get(id)?.alarm === true;
  const withdrawn: Withdrawal[] = [];
  for (const { firing, evidence } of touched) {
    const fused = evidence.find((e): e is ConcordanceEvidence => e.type === 'concordance');
    const gone = fused
      ? !concordanceStands(
          fused,
          config.rules.find((r) => r.id === firing.rule_id),
          (id) => current.get(id),
        )
      : !signalIdsOf(evidence).some(stands);
    if (gone) withdrawn.push({ firingId: firing.id, alertId: firing.alert_id, reason: 'signals-retracted' });
  }
  return withdrawn;
}

interface CurrentSignal {
  id: number;
  alarm: boolean;
  pvalue: number | null;
  place_code: string;
}

function concordanceStands(
  fused: ConcordanceEvidence,
  rule: AlertRule | undefined,
  signal: (id: number) => CurrentSignal | undefined,
): boolean {
  const maxPValue = rule?.kind === 'concordance' ? rule.evidence.maxPValue : 1;
  const smallest = (signals: readonly CurrentSignal[]) =>
    signals.length > 0 ? Math.min(...signals.map((s) => s.pvalue as number)) : undefined;
  const result = concordance(
    fused.channels.map((c) => {
      const standing = c.signalIds.flatMap((id) => {
        const s = signal(id);
        return s?.alarm && s.pvalue !== null && s.pvalue <= maxPValue ? [s] : [];
      });
      return {
        channel: c.channel,
        pMin: smallest(standing),
        series: c.series,
        centre:
          c.centreSeries === undefined
            ? undefined
            : {
                pMin: smallest(standing.filter((s) => s.place_code === fused.centre)),
                series: c.centreSeries,
              },
      };
    }),
    { minChannels: fused.minChannels, channelAlpha: fused.channelAlpha, fusedAlpha: fused.fusedAlpha },
  );
  return result.fired;
}

/**
 * Firings resting on records of `keys` (a committed batch's: new versions, corrections, withdrawals) that no
 * longer stand. Records no single-case rule matches any more leave `alert_case` first, so that clusters of
 * cases are counted without them, here and in later evaluations.
 */
export async function withdrawnByRecords(
  pool: pg.Pool,
  config: AlertConfig,
  diseases: NotifiableDiseases,
  channel: ChannelId,
  keys: readonly string[],
): Promise<Withdrawal[]> {
  if (keys.length === 0) return [];
  const rules = config.rules.filter((r) => r.kind === 'single-case' && r.match.channel === channel);
  const records = await readCaseRecords(pool, channel, keys, {
    phrases: rules.flatMap((r) =>
      r.kind === 'single-case' && r.match.channel === 'visit' ? (r.match.complaintContains ?? []) : [],
    ),
    icd10Prefixes: rules.flatMap((r) =>
      r.kind === 'single-case' && r.match.channel === 'visit' ? (r.match.icd10Prefixes ?? []) : [],
    ),
  });
  const matched = new Set(
    rules.flatMap((rule) =>
      rule.kind === 'single-case'
        ? records
            .filter((record) => matchCase(rule, record, diseases))
            .map((r) => `${rule.id}\u0000${r.recordKey}`)
        : [],
    ),
  );
  const gone = (ruleId: string, key: string) => !matched.has(`${ruleId}\u0000${key}`);
  const remembered = await pool.query<{ rule_id: string; record_key: string }>(
    'SELECT rule_id, record_key FROM alert_case WHERE channel = $1 AND record_key = ANY($2::text[])',
    [channel, keys],
  );
  const forgotten = remembered.rows.filter((r) => gone(r.rule_id, r.record_key));
  if (forgotten.length > 0) {
    await pool.query(
      `DELETE FROM alert_case c USING unnest($2::text[], $3::text[]) AS x(rule_id, record_key)
        WHERE c.channel = $1 AND c.rule_id = x.rule_id AND c.record_key = x.record_key`,
      [channel, forgotten.map((r) => r.rule_id), forgotten.map((r) => r.record_key)],
    );
  }

  const batch = new Set(keys);
  const withdrawn: Withdrawal[] = [];
  for (const firing of await standingFirings(pool, ['single-case', 'cluster'])) {
    const evidence = parseEvidence(firing.evidence);
    const rule = config.rules.find((r) => r.id === firing.rule_id);
    const records = evidence.filter((e) => e.type === 'record' && e.channel === channel);
    if (firing.kind === 'single-case' && records.length > 0) {
      const touched = records.some((e) => e.type === 'record' && batch.has(e.recordKey));
      if (touched && records.every((e) => e.type === 'record' && gone(firing.rule_id, e.recordKey))) {
        withdrawn.push({ firingId: firing.id, alertId: firing.alert_id, reason: 'cases-withdrawn' });
      }
      continue;
    }
    if (firing.kind !== 'cluster' || rule?.kind !== 'cluster' || !('cases' in rule.from)) continue;
    const source = rule.from.cases;
    for (const cluster of evidence) {
      if (cluster.type !== 'cluster' || cluster.channel !== channel) continue;
      if (!cluster.members.some((k) => batch.has(k))) continue;
      const left = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM alert_case WHERE rule_id = $1 AND channel = $2 AND record_key = ANY($3::text[])`,
        [source, channel, cluster.members],
      );
      if ((left.rows[0]?.n ?? 0) < cluster.minCases) {
        withdrawn.push({ firingId: firing.id, alertId: firing.alert_id, reason: 'cases-withdrawn' });
      }
    }
  }
  return withdrawn;
}
