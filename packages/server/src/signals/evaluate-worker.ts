import { parentPort } from 'node:worker_threads';
import { evaluateBatch, type EvaluationBatch } from './evaluate-series.js';

// A detection-run worker: evaluates each chunk it is sent and posts the outcomes back (evaluate-pool.ts).
parentPort?.on('message', (message: { id: number; batch: EvaluationBatch }) => {
  try {
    parentPort?.postMessage({ id: message.id, outcomes: evaluateBatch(message.batch) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: String(error) });
  }
});
