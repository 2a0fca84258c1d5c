import type { MessageKey, MessageParams } from '../i18n/messages.js';

/**
 * The one error type of the API: a closed set of codes, one table from code to HTTP status, and a
 * message from the catalogue so that every error reads in the caller's language.
 */
export type ErrorCode =
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'too-large'
  | 'rate-limited'
  | 'unavailable';

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
};

/** One problem with one field of the input (a record's row, a query parameter, a body property). */
export interface FieldIssue {
  /** Row or message number in a batch, when the input is a batch. */
  readonly row?: number;
  readonly field: string;
  readonly reason: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(`${code}: ${messageKey} ${JSON.stringify(params)}`);
  }
}

export const notFound = (what: string) => new ApiError('not-found', 'error.not-found', { what });
export const invalid = (detail: string, issues: readonly FieldIssue[] = []) =>
  new ApiError('invalid', 'error.invalid', { detail }, issues);
