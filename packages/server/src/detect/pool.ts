import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { evaluateBatch, type BatchRequest, type BatchResult } from './evaluate.js';

/**
 * Spreads the evaluation of many series over worker threads, one per core by default, and returns the
 * batches' results in input order. With one worker it runs in the calling thread (no start-up cost).
 */

export function defaultWorkers(): number {
  return availableParallelism();
}

interface Pending {
  resolve: (result: BatchResult) => void;
  reject: (error: Error) => void;
}

export async function evaluateInParallel(
  request: BatchRequest,
  workers = defaultWorkers(),
): Promise<BatchResult[]> {
  const count = Math.max(1, Math.min(workers, request.series.length));
  if (count === 1) return [evaluateBatch(request)];
  // Several batches per worker so that a slow batch does not leave the other cores idle at the end.
  const batchSize = Math.max(1, Math.ceil(request.series.length / (count * 8)));
  const batches: BatchRequest[] = [];
  for (let i = 0; i < request.series.length; i += batchSize) {
    batches.push({ ...request, series: request.series.slice(i, i + batchSize) });
  }
  const threads = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url)));
  const pending = new Map<number, Pending>();
  for (const thread of threads) {
    thread.on('message', (message: { id: number; result: BatchResult }) => {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    });
    thread.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  let next = 0;
  const results: BatchResult[] = new Array<BatchResult>(batches.length);
  const run = async (thread: Worker): Promise<void> => {
    while (next < batches.length) {
      const id = next++;
      results[id] = await new Promise<BatchResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.postMessage({ id, request: batches[id] });
      });
    }
  };
  try {
    await Promise.all(threads.map(run));
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}
