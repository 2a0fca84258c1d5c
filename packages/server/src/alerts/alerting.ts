import type pg from 'pg';
import { notifiableDiseases } from '../channels/notifiable-diseases.js';
import { onBatchCommitted, type BatchCommitted } from '../ingest/events.js';
import { onSignals, type SignalsStored } from '../signals/events.js';
import { DEFAULT_ALERT_CONFIG } from './config/default-config.js';
import type { AlertConfig } from './config/schema.js';
import { emitAlertEvent } from './events.js';
import { Names } from './names.js';
import { CASE_CHANNELS, readCaseRecords } from './rules/case-records.js';
import { clusterTriggers, type Touch } from './rules/cluster.js';
import { concordanceTriggers } from './rules/concordance.js';
import { matchCase, singleCaseTrigger, type CaseMatch } from './rules/single-case.js';
import { statisticalTriggers } from './rules/statistical.js';
import type { Trigger } from './rules/trigger.js';
import { rememberCases } from './store/cases.js';
import { fireTrigger, type Fired } from './store/fire.js';
import { withdrawFirings, type Withdrawal } from './store/retract.js';
import { withdrawnByRecords, withdrawnBySignals } from './rules/withdrawn.js';

/**
 * The alerting loop of a running platform: it hears every committed ingest batch (single-case and cluster
 * rules, on the records themselves) and every detection run (statistical and concordance rules, on the
 * signals), evaluates the rules one event at a time in arrival order, and stores what fires. `settled()`
 * resolves once everything heard so far is evaluated and stored (tests, benchmarks, drills).
 */

export interface AlertingOptions {
  readonly pool: pg.Pool;
  readonly config?: AlertConfig;
  readonly log?: (line: string) => void;
}

export interface Alerting {
  readonly config: AlertConfig;
  /** Resolves when every event heard so far has been evaluated. */
  settled(): Promise<void>;
  /** Evaluates the rules on a batch or a run directly (drills replay data through this). */
  evaluateBatch(event: Omit<BatchCommitted, 'pool'>): Promise<Fired[]>;
  evaluateSignals(event: SignalsStored, committedAt?: number): Promise<Fired[]>;
  stop(): Promise<void>;
}

export function startAlerting(options: AlertingOptions): Alerting {
  const { pool } = options;
  const config = options.config ?? DEFAULT_ALERT_CONFIG;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const names = new Names(pool, config);
  const diseases = notifiableDiseases();
  const enabled = config.rules.filter((r) => r.enabled);
  // One queue per channel (and one for detection runs): a channel's batches are evaluated in commit order,
  // and a class-A card never waits behind a large batch of visits. The store locks each (family, place).
  const queues = new Map<string, Promise<unknown>>();
  let stopped = false;

  const enqueue = (lane: string, what: string, task: () => Promise<unknown>) => {
    const next = (queues.get(lane) ?? Promise.resolve())
      .then(task)
      .catch((error: unknown) => log(`alerts: ${what} failed: ${String(error)}`));
    queues.set(lane, next);
  };
  const settled = async () => {
    for (;;) {
      const pending = [...queues.values()];
      await Promise.all(pending);
      if ([...queues.values()].every((q, i) => q === pending[i]) && queues.size === pending.length) return;
    }
  };

  const fire = async (triggers: readonly Trigger[]): Promise<Fired[]> => {
    const fired: Fired[] = [];
    for (const trigger of triggers) {
      const result = await fireTrigger(pool, config, trigger);
      if (!result) continue;
      fired.push(result);
      if (result.closed)
        emitAlertEvent({ pool, seq: result.closed.seq, type: 'closed', alert: result.closed.alert });
      emitAlertEvent({
        pool,
        seq: result.seq,
        type: result.type,
        alert: result.alert,
        dataCommittedAt: trigger.dataCommittedAt,
      });
    }
    return fired;
  };

  // Data taken back (a withdrawn or corrected record, a retracted signal) withdraws what it fired.
  const retract = async (withdrawals: readonly Withdrawal[]) => {
    for (const r of await withdrawFirings(pool, withdrawals)) {
      emitAlertEvent({ pool, seq: r.seq, type: r.type, alert: r.alert });
    }
  };

  const evaluateBatch = async (event: Omit<BatchCommitted, 'pool'>): Promise<Fired[]> => {
    const triggers: Trigger[] = [];
    const matches: CaseMatch[] = [];
    const caseRules = enabled.filter((r) => r.kind === 'single-case' && r.match.channel === event.channel);
    if (caseRules.length > 0 && CASE_CHANNELS.has(event.channel)) {
      const records = await readCaseRecords(pool, event.channel, event.keys, {
        phrases: caseRules.flatMap((r) =>
          r.kind === 'single-case' && r.match.channel === 'visit' ? (r.match.complaintContains ?? []) : [],
        ),
        icd10Prefixes: caseRules.flatMap((r) =>
          r.kind === 'single-case' && r.match.channel === 'visit' ? (r.match.icd10Prefixes ?? []) : [],
        ),
      });
      for (const rule of caseRules) {
        if (rule.kind !== 'single-case') continue;
        for (const record of records) {
          const match = matchCase(rule, record, diseases);
          if (match) matches.push(match);
        }
      }
      await rememberCases(pool, matches);
      await names.load({
        places: matches.map((m) => m.record.placeCode),
        facilities: matches.flatMap((m) => (m.record.facilityId ? [m.record.facilityId] : [])),
      });
      for (const m of matches) triggers.push(singleCaseTrigger(m, names, event.committedAt));
    }
    const context = { pool, config, names, diseases, committedAt: event.committedAt };
    for (const rule of enabled) {
      if (rule.kind !== 'cluster') continue;
      const source = rule.from;
      let touches: Touch[];
      if ('cases' in source) {
        touches = matches
          .filter((m) => m.rule.id === source.cases)
          .flatMap((m) => {
            const unitId = rule.unit === 'facility' ? m.record.facilityId : m.record.placeCode;
            return unitId && (rule.unit === 'facility' || unitId.length === 12)
              ? [{ unitId, date: m.record.eventDate, group: m.family }]
              : [];
          });
      } else {
        if (source.channel !== event.channel) continue;
        touches = event.changes.flatMap(({ contribution: c, sign }) => {
          if (sign < 0) return [];
          const unitId = rule.unit === 'facility' ? c.facilityId : c.placeCode;
          if (!unitId || (rule.unit === 'community' && unitId.length !== 12)) return [];
          const signals = c.signals.filter((s) => source.signals.includes(s));
          if (signals.length === 0) return [];
          return source.combine === 'each'
            ? signals.map((group) => ({ unitId, date: c.eventDate, group }))
            : [{ unitId, date: c.eventDate, group: '' }];
        });
      }
      triggers.push(...(await clusterTriggers(rule, touches, context)));
    }
    const fired = await fire(triggers);
    // A contribution leaving the series: the batch corrected or withdrew records.
    if (CASE_CHANNELS.has(event.channel) && event.changes.some((c) => c.sign < 0)) {
      await retract(await withdrawnByRecords(pool, config, diseases, event.channel, event.keys));
    }
    return fired;
  };

  const evaluateSignals = async (event: SignalsStored, committedAt = Date.now()): Promise<Fired[]> => {
    const triggers: Trigger[] = [];
    const context = { pool, config, names, diseases, committedAt };
    await names.load({ places: event.signals.map((s) => s.placeCode) });
    for (const rule of enabled) {
      if (rule.kind === 'statistical') triggers.push(...statisticalTriggers(rule, event.signals, context));
      if (rule.kind === 'concordance')
        triggers.push(...(await concordanceTriggers(rule, event.signals, context)));
    }
    const fired = await fire(triggers);
    await retract(
      await withdrawnBySignals(
        pool,
        config,
        event.retracted.map((s) => s.id),
      ),
    );
    return fired;
  };

  const unsubscribe = [
    onBatchCommitted((event) => {
      if (event.pool !== pool || stopped) return;
      enqueue(event.channel, `batch of ${event.channel}`, () => evaluateBatch(event));
    }),
    onSignals((event) => {
      if (stopped || (event.pool !== undefined && event.pool !== pool)) return;
      const heard = Date.now();
      enqueue('signals', `detection run ${event.runId}`, () => evaluateSignals(event, heard));
    }),
  ];

  return {
    config,
    settled,
    evaluateBatch,
    evaluateSignals,
    stop: async () => {
      stopped = true;
      for (const off of unsubscribe) off();
      await settled();
    },
  };
}
