import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { evaluateBatch, type EvaluationBatch, type SeriesOutcome } from './evaluate-series.js';

/**
 * Worker threads that stay up between runs (a run every few seconds after ingest must not pay their start-up),
 * fed chunks of series so that a slow chunk (farringtonFlexible's GLMs) does not leave the other cores idle.
 * With one worker, or when running from TypeScript sources (tests), everything runs in the calling thread.
 */

export interface Evaluator {
  readonly workers: number;
  /** The outcomes of every batch's series, in input order. */
  evaluate(batches: readonly EvaluationBatch[]): Promise<SeriesOutcome[][]>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  outcomes?: SeriesOutcome[];
  error?: string;
}

const workerUrl = new URL('./evaluate-worker.js', import.meta.url);

export function createEvaluator(workers = availableParallelism()): Evaluator {
  const threadsWanted = existsSync(fileURLToPath(workerUrl)) ? Math.max(1, workers) : 1;
  if (threadsWanted === 1) {
    return {
      workers: 1,
      evaluate: (batches) => Promise.resolve(batches.map(evaluateBatch)),
      close: () => Promise.resolve(),
    };
  }
  let threads: Worker[] = [];
  let nextId = 0;
  const pending = new Map<number, { resolve: (o: SeriesOutcome[]) => void; reject: (e: Error) => void }>();
  const start = () => {
    threads = Array.from({ length: threadsWanted }, () => {
      const thread = new Worker(workerUrl);
      thread.unref();
      thread.on('message', (reply: Reply) => {
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.outcomes) waiting?.resolve(reply.outcomes);
        else waiting?.reject(new Error(reply.error ?? 'worker failed'));
      });
      thread.on('error', (error) => {
        for (const p of pending.values()) p.reject(error);
        pending.clear();
        threads = []; // started again by the next run
      });
      return thread;
    });
  };
  const send = (thread: Worker, batch: EvaluationBatch) =>
    new Promise<SeriesOutcome[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      thread.postMessage({ id, batch });
    });
  return {
    workers: threadsWanted,
    async evaluate(batches) {
      if (threads.length === 0) start();
      const total = batches.reduce((n, b) => n + b.series.length, 0);
      const size = Math.max(20, Math.ceil(total / (threadsWanted * 8)));
      const chunks: { batch: number; offset: number; part: EvaluationBatch }[] = [];
      batches.forEach((batch, b) => {
        for (let offset = 0; offset < batch.series.length; offset += size) {
          chunks.push({
            batch: b,
            offset,
            part: { ...batch, series: batch.series.slice(offset, offset + size) },
          });
        }
      });
      const results = batches.map((b) => new Array<SeriesOutcome>(b.series.length));
      let next = 0;
      const feed = async (thread: Worker) => {
        while (next < chunks.length) {
          const chunk = chunks[next++]!;
          const outcomes = await send(thread, chunk.part);
          outcomes.forEach((o, i) => (results[chunk.batch]![chunk.offset + i] = o));
        }
      };
      await Promise.all(threads.map(feed));
      return results;
    },
    async close() {
      const stopping = threads;
      threads = [];
      // A run waiting on these workers fails now (and rolls back) rather than never hearing back.
      for (const p of pending.values()) p.reject(new Error('detection stopped'));
      pending.clear();
      await Promise.all(stopping.map((t) => t.terminate()));
    },
  };
}
