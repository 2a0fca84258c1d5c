import { parentPort } from 'node:worker_threads';
import { evaluateBatch, type BatchRequest } from './evaluate.js';

// A pool worker: evaluates each batch it is sent and posts the result back (see pool.ts).
parentPort?.on('message', (message: { id: number; request: BatchRequest }) => {
  parentPort?.postMessage({ id: message.id, result: evaluateBatch(message.request) });
});
