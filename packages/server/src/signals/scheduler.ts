import type pg from 'pg';
import { createEvaluator, type Evaluator } from './evaluate-pool.js';
import { runDetection, type RunRequest } from './run-detection.js';
import type { RunSummary } from './run-summary.js';

/**
 * When detection runs: shortly after ingest commits (the series triggers notify `series_changed` at commit;
 * a run starts once batches have stopped arriving for `debounceMs`, or `maxDelayMs` after the first during a
 * long import), every `intervalMs` for the changed series (in case a notification was missed while the
 * listening connection was down), once a day over every series, and when asked through the API. Runs never
 * overlap: a request made while one runs waits for it, and requests made meanwhile share one run.
 */

export interface DetectionOptions {
  readonly debounceMs?: number;
  readonly maxDelayMs?: number;
  readonly intervalMs?: number;
  /** Hour of the daily full run, Asia/Shanghai (default 2: after the night's batch reports). */
  readonly dailyHour?: number;
  readonly workers?: number;
  /** Listen for ingest and keep the timers (default true); false: runs only on request. */
  readonly schedule?: boolean;
  readonly log?: (line: string) => void;
}

export interface Detection {
  /** Runs now (after the run in progress); resolves with the run's summary. */
  run(request: RunRequest): Promise<RunSummary>;
  stop(): Promise<void>;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const RECONNECT_MS = 5_000;

/** Milliseconds from `now` to the next `hour`:00 in Asia/Shanghai. */
export function untilDaily(now: number, hour: number): number {
  const local = now + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / 86_400_000) * 86_400_000;
  let next = day + hour * 3_600_000;
  if (next <= local) next += 86_400_000;
  return next - local;
}

const running = new WeakMap<pg.Pool, Detection>();

/** The detection of a pool: the one `startDetection` started, or one that runs on request only. */
export function detectionOf(pool: pg.Pool): Detection {
  let detection = running.get(pool);
  if (!detection) {
    detection = startDetection(pool, { schedule: false, workers: 1 });
  }
  return detection;
}

export function startDetection(pool: pg.Pool, options: DetectionOptions = {}): Detection {
  const log = options.log ?? (() => {});
  const evaluator: Evaluator = createEvaluator(options.workers);
  let chain: Promise<unknown> = Promise.resolve();
  let queued: { request: RunRequest; promise: Promise<RunSummary> } | undefined;
  let stopped = false;
  // Stopping aborts a run in progress: it rolls back, and the next start sees the same changes.
  const stopping = new AbortController();

  const run = (request: RunRequest): Promise<RunSummary> => {
    if (queued) {
      // A wider run asked while one waits: the waiting run covers it.
      if (request.scope === 'all') queued.request = request;
      return queued.promise;
    }
    const entry = { request } as { request: RunRequest; promise: Promise<RunSummary> };
    entry.promise = chain.then(async () => {
      if (queued === entry) queued = undefined;
      const summary = await runDetection(pool, evaluator, entry.request, stopping.signal);
      log(
        `detection run ${summary.id} (${summary.trigger}, ${summary.scope}): ${summary.status}, ${summary.series} series, ` +
          `${summary.signalsNew} new signals, ${summary.notEvaluated} not evaluated, ${summary.timings.total ?? 0} ms` +
          (summary.error ? ` — ${summary.error}` : ''),
      );
      return summary;
    });
    queued = entry;
    chain = entry.promise.catch((error: unknown) => log(`detection run failed: ${String(error)}`));
    return entry.promise;
  };

  const timers: NodeJS.Timeout[] = [];
  let debounce: NodeJS.Timeout | undefined;
  let firstNotice: number | undefined;
  let listener: pg.PoolClient | undefined;

  const afterIngest = () => {
    const now = Date.now();
    firstNotice ??= now;
    clearTimeout(debounce);
    const wait = Math.min(
      options.debounceMs ?? 2_000,
      Math.max(0, firstNotice + (options.maxDelayMs ?? 30_000) - now),
    );
    debounce = setTimeout(() => {
      firstNotice = undefined;
      void run({ trigger: 'ingest', scope: 'changed' }).catch(() => {});
    }, wait);
    debounce.unref();
  };

  const listen = async () => {
    if (stopped) return;
    try {
      const client = await pool.connect();
      client.on('notification', afterIngest);
      client.on('error', () => {
        client.release(true);
        if (listener === client) listener = undefined;
        if (!stopped) setTimeout(() => void listen(), RECONNECT_MS).unref();
      });
      await client.query('LISTEN series_changed');
      listener = client;
      // Changes committed while nobody listened.
      afterIngest();
    } catch (error) {
      log(`detection: cannot listen for ingest (${String(error)}); retrying`);
      if (!stopped) setTimeout(() => void listen(), RECONNECT_MS).unref();
    }
  };

  const daily = () => {
    const timer = setTimeout(
      () => {
        void run({ trigger: 'daily', scope: 'all' }).catch(() => {});
        daily();
      },
      untilDaily(Date.now(), options.dailyHour ?? 2),
    );
    timer.unref();
    timers[0] = timer;
  };

  if (options.schedule !== false) {
    void listen();
    daily();
    const interval = setInterval(
      () => void run({ trigger: 'schedule', scope: 'changed' }).catch(() => {}),
      options.intervalMs ?? 15 * 60_000,
    );
    interval.unref();
    timers.push(interval);
  }

  const detection: Detection = {
    run,
    async stop() {
      stopped = true;
      clearTimeout(debounce);
      for (const timer of timers) clearTimeout(timer);
      if (listener) {
        await listener.query('UNLISTEN *').catch(() => {});
        listener.release();
        listener = undefined;
      }
      stopping.abort();
      await evaluator.close();
      await chain;
      if (running.get(pool) === detection) running.delete(pool);
    },
  };
  running.set(pool, detection);
  return detection;
}
