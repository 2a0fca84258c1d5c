import type pg from 'pg';
import { DEFAULT_ALERT_CONFIG } from '../alerts/config/default-config.js';
import type { AlertConfig } from '../alerts/config/schema.js';
import { onAlertEvent } from '../alerts/events.js';
import { assignVerification } from '../verification/assign.js';
import {
  DEFAULT_VERIFICATION_RULES,
  verificationRulesSchema,
  type VerificationRules,
} from '../verification/deadline-rules.js';
import { systemClock, type Clock } from './clock.js';
import { runDueWork, type DueWork } from './due-work.js';

/**
 * What `shaobing serve` starts for the response workflow: every opened alert is assigned for verification as
 * soon as it is heard, and the tick (runDueWork) runs on an interval for reminders, escalations and anything
 * an alert listener missed.
 */

export interface ResponseService {
  readonly rules: VerificationRules;
  /** One tick now (tests, and the interval). */
  tick(): Promise<DueWork>;
  /** Resolves once every alert heard so far is assigned. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function startResponseService(options: {
  readonly pool: pg.Pool;
  readonly log: (line: string) => void;
  readonly now?: Clock;
  /** 0: no interval (tests tick by hand). */
  readonly intervalMs?: number;
  readonly rules?: VerificationRules;
  readonly alertConfig?: AlertConfig;
}): ResponseService {
  const { pool, log } = options;
  const now = options.now ?? systemClock;
  const context = {
    rules: options.rules ?? DEFAULT_VERIFICATION_RULES,
    alertConfig: options.alertConfig ?? DEFAULT_ALERT_CONFIG,
  };
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(what: string, work: () => Promise<T>) => {
    const next = queue.then(work);
    queue = next.catch((error: unknown) => log(`response: ${what} failed: ${String(error)}`));
    return next;
  };
  const unsubscribe = onAlertEvent((event) => {
    if (event.type !== 'opened' || event.pool !== pool) return;
    void enqueue(`verification of alert ${event.alert.id}`, () =>
      assignVerification(pool, event.alert.id, now(), context),
    );
  });
  const tick = () => enqueue('tick', () => runDueWork(pool, now(), context));
  const intervalMs = options.intervalMs ?? 60_000;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          tick().catch(() => {});
        }, intervalMs)
      : undefined;
  timer?.unref();
  return {
    rules: context.rules,
    tick,
    settled: async () => {
      for (;;) {
        const pending = queue;
        await pending;
        if (pending === queue) return;
      }
    },
    stop: async () => {
      unsubscribe();
      if (timer) clearInterval(timer);
      await queue;
    },
  };
}

/** `SHAOBING_VERIFY_RULES`: the deadline table as JSON (deadline-rules.ts), validated once at start. */
export function loadVerificationRules(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { ok: true; rules: VerificationRules } | { ok: false; message: string } {
  const text = env.SHAOBING_VERIFY_RULES;
  if (text === undefined || text.trim() === '') return { ok: true, rules: DEFAULT_VERIFICATION_RULES };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `SHAOBING_VERIFY_RULES is not JSON: ${(error as Error).message}` };
  }
  const parsed = verificationRulesSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      message: `SHAOBING_VERIFY_RULES: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    };
  return { ok: true, rules: parsed.data };
}
