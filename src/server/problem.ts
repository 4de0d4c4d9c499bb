import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  type AppErrorCode,
  type FieldIssue,
  isAppError,
  unreachable,
} from '../shared/app-error.js';

/** RFC 9457 problem details, with Rudder's stable `code` and field-level issues. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: AppErrorCode | 'INTERNAL';
  issues?: FieldIssue[];
}

/** The one place where an error code becomes an HTTP status. */
export function statusOf(code: AppErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'IMPORT_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'IDEMPOTENCY_KEY_IN_USE':
      return 409;
    case 'IDEMPOTENCY_KEY_REUSED':
      return 422;
    case 'RATE_LIMITED':
      return 429;
    case 'CONFIG_INVALID':
    case 'DATA_DIR_LOCKED':
      return 500;
    case 'CRM_AUTH_FAILED':
    case 'CRM_UNAVAILABLE':
      return 502;
    case 'DATABASE_UNAVAILABLE':
      return 503;
    default:
      return unreachable(code);
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function problem(status: number, code: Problem['code'], detail: string, issues?: FieldIssue[]) {
  const body: Problem = {
    type: `https://rudder.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
  };
  if (issues && issues.length > 0) body.issues = issues;
  return body;
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (isAppError(error))
    return problem(statusOf(error.code), error.code, error.message, error.issues);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      field: `${error.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}`,
      reason: v.message ?? 'is not valid',
    }));
    const first = issues[0];
    const detail = first ? `${first.field}: ${first.reason}` : 'The request is not valid.';
    return problem(400, 'VALIDATION_FAILED', detail, issues);
  }
  const fastifyError = error as Partial<FastifyError>;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    // Fastify's own client errors (bad JSON, body too large, unsupported media type).
    const status = fastifyError.statusCode;
    const code =
      status === 429 ? 'RATE_LIMITED' : status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
    return problem(status, code, fastifyError.message ?? 'Bad request');
  }
  request.log.error({ err: error }, 'unhandled error');
  return problem(500, 'INTERNAL', 'Something went wrong on our side; it has been logged.');
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}
