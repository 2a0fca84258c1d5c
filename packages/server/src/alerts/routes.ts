import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../http/app.js';
import { alertStream } from './api/alert-stream.js';
import { alertsApi } from './api/alerts-api.js';
import { capFeed } from './cap/cap-feed.js';
import { DEFAULT_ALERT_CONFIG } from './config/default-config.js';
import type { AlertConfig } from './config/schema.js';
import { webhooksApi } from './webhooks/webhooks-api.js';

/** The alerts API: the list and one alert, the live stream, webhook subscriptions, the public CAP feed. */
export const alertRoutes =
  (platform: Platform, options: { config?: AlertConfig; heartbeatMs?: number } = {}): FastifyPluginAsync =>
  async (app) => {
    const config = options.config ?? DEFAULT_ALERT_CONFIG;
    await app.register(alertsApi(platform, config));
    await app.register(
      alertStream(platform, options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    );
    await app.register(webhooksApi(platform));
    await app.register(capFeed(platform, config));
  };
