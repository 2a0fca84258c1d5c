import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { languageOf } from '../i18n/language.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/messages.js';

/**
 * Pagination for every list of the city API: `limit` (1–1000, default 100) and an opaque `cursor`; the
 * response is `{ items, next }`, `next` being the cursor of the following page or null on the last one.
 * The cursor carries the last key of the page (keyset pagination), so pages stay consistent while rows
 * are added and cost the same at any depth.
 */

export const MAX_LIMIT = 1000;

export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(100)
    .describe(`page size, at most ${MAX_LIMIT}`),
  cursor: z.string().max(200).optional().describe("the previous page's `next`"),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z.string().nullable().describe('cursor of the next page; null on the last page'),
  });

export function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

/** The key after which the page starts; undefined for the first page. Throws 400 for a foreign cursor. */
export function decodeCursor(request: FastifyRequest, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 'after' in value && typeof value.after === 'string') {
      return value.after;
    }
  } catch {
    // not base64url JSON: reported below
  }
  throw badQuery(request, 'cursor', 'query.bad-cursor');
}

/** Fetch `limit + 1` rows; this turns them into the page and its `next` cursor. */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  key: (row: Row) => string,
  item: (row: Row) => Item,
) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(item),
    next: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null,
  };
}

/** 400 naming the query parameter, in the caller's language, like the schema's own validation errors. */
export function badQuery(
  request: FastifyRequest,
  name: string,
  key: MessageKey,
  params: MessageParams = {},
): ApiError {
  const reason = translate(key, languageOf(request.headers['accept-language']), params);
  const field = `querystring.${name}`;
  return new ApiError('invalid', 'error.invalid', { detail: `${field}: ${reason}` }, [{ field, reason }]);
}

/** `%`, `_` and `\` taken literally inside LIKE/ILIKE patterns. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
