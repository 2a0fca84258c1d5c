import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { languageOf } from '../i18n/language.js';
import { translate } from '../i18n/messages.js';
import { ApiError, HTTP_STATUS, type FieldIssue } from './api-error.js';

/**
 * Turns anything thrown by a route into the one error body of the API,
 * `{ error: { code, message, issues } }`, in the caller's language. Unknown errors are bugs: logged with
 * their cause, answered as a plain 500 without internals.
 */
/** Fastify's default `maxParamLength`, which the app keeps. */
export const MAX_PARAM_LENGTH = 100;

export function normaliseError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((v) => ({
      field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)]
        .filter(Boolean)
        .join('.'),
      reason: v.message ?? 'invalid',
    }));
    const detail = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
    return new ApiError('invalid', 'error.invalid', { detail }, issues);
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ApiError('too-large', 'error.too-large', { limit: 'SHAOBING_BODY_LIMIT_MB' });
  }
  if (fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // The router's own limit (Fastify's 414): no identifier of ours is that long, so it is bad input.
    const reason = `a path parameter is longer than ${MAX_PARAM_LENGTH} characters`;
    return new ApiError('invalid', 'error.invalid', { detail: `params: ${reason}` }, [
      { field: 'params', reason },
    ]);
  }
  if (fastifyError.statusCode === 400 || fastifyError.code?.startsWith('FST_ERR_CTP')) {
    return new ApiError('invalid', 'error.invalid', { detail: fastifyError.message ?? 'bad request' });
  }
  if (fastifyError.statusCode === 404) return new ApiError('not-found', 'error.not-found', { what: 'route' });
  throw error;
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const language = languageOf(request.headers['accept-language']);
  let apiError: ApiError;
  try {
    apiError = normaliseError(error);
  } catch {
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: translate('error.internal', language), issues: [] },
    });
  }
  return reply.status(HTTP_STATUS[apiError.code]).send({
    error: {
      code: apiError.code,
      message: translate(apiError.messageKey, language, apiError.params),
      issues: apiError.issues,
    },
  });
}
