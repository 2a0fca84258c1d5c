import type pg from 'pg';
import { startAlerting, type Alerting } from './alerting.js';
import type { AlertConfig } from './config/schema.js';
import { startWebhookDispatcher, type Dispatcher } from './webhooks/dispatcher.js';

/** What `shaobing serve` starts for alerts: the rules on every batch and run, and the webhook sender. */
export interface AlertService {
  readonly alerting: Alerting;
  readonly webhooks: Dispatcher;
  stop(): Promise<void>;
}

export function startAlertService(options: {
  readonly pool: pg.Pool;
  readonly log: (line: string) => void;
  readonly config?: AlertConfig;
}): AlertService {
  const alerting = startAlerting(options);
  const webhooks = startWebhookDispatcher({ pool: options.pool, log: options.log });
  return {
    alerting,
    webhooks,
    stop: async () => {
      await alerting.stop();
      await webhooks.stop();
    },
  };
}
