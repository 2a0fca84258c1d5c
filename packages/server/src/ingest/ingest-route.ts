import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNEL_IDS, isChannelId } from '../channels/channel-id.js';
import type { Platform } from '../http/app.js';
import { ApiError } from '../http/api-error.js';
import { languageOf } from '../i18n/language.js';
import { bodyRecords, BodyTooLarge, type BodyFormat } from './body-rows.js';
import { answerOf, clientGone, ingestAnswerSchema, LISTED } from './ingest-answer.js';
import { ingestStream, StreamFailed } from './ingest-stream.js';
import { NotAnArray } from './json-array-reader.js';
import { onlyFacility } from '../access/facility-scope.js';
import { principalOf } from '../access/route-access.js';
import { INGEST_ROLES } from '../access/roles.js';

function formatOf(contentType: string | undefined): BodyFormat | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  return undefined;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * POST /api/v1/ingest/{channel}: a JSON array or a CSV body (header row, then one record per row), read as
 * a stream and committed in batches; answers with what became of every record once all are committed.
 */
export const ingestRoute =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    // Bodies are streamed, not buffered: in this scope the parser hands the request stream to the handler.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const limit = platform.config.bodyLimitBytes;
    app.post(
      '/api/v1/ingest/:channel',
      {
        config: { access: { roles: INGEST_ROLES, apiToken: 'ingest' } },
        schema: {
          tags: ['ingest'],
          summary: 'Submit records of one channel (JSON array or CSV)',
          description:
            `Body: a JSON array of records (Content-Type: application/json) or CSV with a header row (text/csv), ` +
            `at most ${megabytes(limit)}. Channels: ${CHANNEL_IDS.join(', ')}. Good records are kept; each rejected ` +
            `record is listed with its row (1-based position), field and reason, in the language of Accept-Language.`,
          params: z.object({ channel: z.string() }),
          response: { 200: ingestAnswerSchema },
        },
      },
      async (request, reply) => {
        const { channel } = request.params;
        if (!isChannelId(channel)) {
          throw new ApiError('not-found', 'ingest.unknown-channel', {
            channel,
            known: CHANNEL_IDS.join(', '),
          });
        }
        const format = formatOf(request.headers['content-type']);
        if (!format) {
          throw new ApiError('invalid', 'ingest.content-type', {
            type: request.headers['content-type'] ?? '—',
          });
        }
        const tooLarge = () => new ApiError('too-large', 'error.too-large', { limit: megabytes(limit) });
        if (Number(request.headers['content-length'] ?? 0) > limit) {
          reply.header('connection', 'close');
          throw tooLarge();
        }
        const body = request.body as AsyncIterable<Buffer>;
        // API tokens and facility reporters send their own facility's records only.
        const { facilityId } = principalOf(request);
        const language = languageOf(request.headers['accept-language']);
        let committed = 0;
        try {
          const report = await ingestStream(
            platform.db.pool,
            channel,
            facilityId === null
              ? bodyRecords(body, format, { maxBytes: limit })
              : onlyFacility(bodyRecords(body, format, { maxBytes: limit }), channel, facilityId),
            {
              source: format === 'csv' ? 'csv' : 'api',
              language,
              listLimit: LISTED,
              onCommit: (total) => (committed = total.received),
            },
          );
          return answerOf(report, language);
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            reply.header('connection', 'close');
            throw tooLarge();
          }
          if (error instanceof NotAnArray) throw new ApiError('invalid', 'ingest.body-not-array');
          if (clientGone(request)) {
            request.log.info(
              `ingest: client closed the connection mid-body after ${committed} records committed`,
            );
            return reply.hijack();
          }
          if (error instanceof StreamFailed) {
            throw new ApiError('unavailable', 'error.unavailable', { detail: error.message });
          }
          throw error;
        }
      },
    );
  };
