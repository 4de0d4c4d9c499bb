import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { inTransaction } from '../db/ambient-transaction.js';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { accessOf } from './access/access-control.js';
import { ProblemSchema } from './schemas/common.js';

/** The request header (draft-ietf-httpapi-idempotency-key-header) and our answer's marker. */
export const idempotencyKeyHeader = 'idempotency-key';
export const replayedHeader = 'idempotent-replayed';
/** How long a key answers retries. */
export const keyLifetimeHours = 24;

/**
 * The writes that do NOT take the header, and why. Every other POST, PUT and PATCH does:
 * a new write route is covered without anyone remembering to.
 */
export const writesWithoutKey: Readonly<Record<string, string>> = {
  'POST /api/v1/auth/sign-in': 'public: no caller to scope a key to; a retry signs in again',
  'POST /api/v1/auth/sign-out': 'ending a session twice ends it once',
  'POST /api/v1/auth/password-reset': 'public: no caller; a second e-mail is harmless',
  'POST /api/v1/auth/password': 'public: the single-use link is its own idempotency',
  'POST /api/v1/setup': 'public: no caller; a second setup is refused (an organization exists)',
  'POST /api/v1/api-tokens':
    'its answer is a secret shown once, never stored in clear (a spare token can be revoked)',
  'POST /api/v1/me/calendar-feed':
    'its answer is a secret shown once, never stored in clear; a new one replaces the old',
  'POST /api/v1/imports':
    'keyed with the import run itself (src/imports/ingest/idempotency.ts): the body is a stream read while it imports',
  'POST /api/v1/ingest/:kind':
    'keyed with the import run itself (src/imports/ingest/idempotency.ts): the body is a stream read while it imports',
  'POST /api/v1/imports/columns': 'reads the head of a file, writes nothing',
};

const writeMethods = new Set(['POST', 'PUT', 'PATCH']);

/** `Idempotency-Key`: 1–255 printable ASCII characters, as the draft's sf-string allows. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x20-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters')
  .optional()
  .describe(
    `A key of your choice (a UUID) for this write: a retry with the same key and the same request answers the first result (header \`Idempotent-Replayed: true\`) and writes nothing; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 IDEMPOTENCY_KEY_IN_USE. Keys are yours alone (organization and caller) and kept ${keyLifetimeHours} hours.`,
  );

export function routeName(method: string, url: string): string {
  return `${method} ${url}`;
}

/** Whether a route takes `Idempotency-Key` through this plugin. */
export function takesIdempotencyKey(method: string, url: string): boolean {
  return (
    writeMethods.has(method) &&
    url.startsWith('/api/') &&
    writesWithoutKey[routeName(method, url)] === undefined
  );
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * `Idempotency-Key` on every write route, in one place: each such route documents the
 * header (OpenAPI), and its handler runs wrapped. With a key, the handler runs in one
 * transaction (`inTransaction`: the app's database joins it, so the use case's writes do)
 * that also stores its answer under the key. So the key exists exactly when the write
 * committed: a server killed after the commit answers the retry with the stored answer, one
 * killed before leaves nothing and the retry runs. A transaction-scoped advisory lock on the
 * key answers a concurrent request with the same key 409 instead of waiting (PGlite runs one
 * transaction at a time: there the second waits and is answered the stored result). An
 * error rolls everything back, key included: a retry runs again.
 */
export function installIdempotentWrites(app: FastifyInstance, db: Database, clock: Clock): void {
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat().map(String);
    const method = methods[0];
    if (methods.length !== 1 || method === undefined || !takesIdempotencyKey(method, route.url))
      return;
    acceptHeader(route);
    const handler = route.handler;
    const name = routeName(method, route.url);
    route.handler = async function keyed(this: FastifyInstance, request, reply) {
      const key = request.headers[idempotencyKeyHeader];
      if (typeof key !== 'string') return handler.call(this, request, reply);
      return runKeyed(db, { name, key, request, reply, now: clock.now() }, () =>
        handler.call(this, request, reply),
      );
    };
  });
}

function acceptHeader(route: RouteOptions): void {
  route.schema ??= {};
  const schema = route.schema;
  const headers = schema.headers;
  if (headers !== undefined && !(headers instanceof z.ZodObject))
    throw new Error(`${route.url}: headers schema must be a zod object to add Idempotency-Key`);
  schema.headers = (headers ?? z.object({})).extend({
    [idempotencyKeyHeader]: IdempotencyKeySchema,
  });
  const response = (schema.response ?? {}) as Record<string, unknown>;
  schema.response = {
    ...response,
    409: ProblemSchema.describe(
      'conflicts with the current state, or IDEMPOTENCY_KEY_IN_USE: the first request with this key is still running',
    ),
    422: ProblemSchema.describe(
      'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used for another request',
    ),
  };
}

interface Keyed {
  name: string;
  key: string;
  request: FastifyRequest;
  reply: FastifyReply;
  now: Date;
}

async function runKeyed(db: Database, keyed: Keyed, run: () => unknown): Promise<FastifyReply> {
  const { name, key, request, reply, now } = keyed;
  const { caller } = accessOf(request);
  const scope =
    caller.via === 'api-token' && caller.tokenId !== undefined
      ? `token:${caller.tokenId}`
      : `person:${caller.personId}`;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([request.method, request.url, request.body ?? null]))
    .digest('hex');
  const where = [caller.orgId, scope, key] as const;
  const answer = await inTransaction(db, async (tx): Promise<Answer & { replayed: boolean }> => {
    const [lock] = await tx.query<{ got: boolean }>(
      'select pg_try_advisory_xact_lock(hashtextextended($1, 7210026)) as got',
      [where.join('\n')],
    );
    if (!lock?.got)
      throw new AppError(
        'IDEMPOTENCY_KEY_IN_USE',
        'A request with this Idempotency-Key is still running; retry in a moment.',
      );
    const [held] = await tx.query<StoredRow>(
      `select route, fingerprint, status, content_type, response, expires_at > $4 as live
         from idempotent_request where org_id = $1 and caller = $2 and key = $3`,
      [...where, now.toISOString()],
    );
    if (held?.live) {
      if (held.route !== name || held.fingerprint !== fingerprint)
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          `This Idempotency-Key was used for another request (${held.route}); use a new key for a new request.`,
          {
            issues: [
              { field: `headers.${idempotencyKeyHeader}`, reason: 'used for another request' },
            ],
          },
        );
      return {
        status: held.status,
        contentType: held.content_type ?? 'application/json; charset=utf-8',
        body: held.response,
        replayed: true,
      };
    }
    if (held)
      await tx.query(
        'delete from idempotent_request where org_id = $1 and caller = $2 and key = $3',
        where,
      );
    const fresh = await captureAnswer(reply, run);
    if (fresh.status >= 200 && fresh.status < 300)
      await tx.query(
        `insert into idempotent_request
           (org_id, caller, key, route, fingerprint, status, content_type, response, created_at,
            expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9::timestamptz + $10 * interval '1 hour')`,
        [
          ...where,
          name,
          fingerprint,
          fresh.status,
          fresh.contentType,
          fresh.body,
          now.toISOString(),
          keyLifetimeHours,
        ],
      );
    return { ...fresh, replayed: false };
  });
  if (answer.replayed) reply.header(replayedHeader, 'true');
  return reply.status(answer.status).type(answer.contentType).send(answer.body);
}

interface StoredRow {
  route: string;
  fingerprint: string;
  status: number;
  content_type: string | null;
  response: string;
  live: boolean;
}

/**
 * Runs the handler with `reply.send` held back: what it would send is serialized (by the
 * route's own response schema) and returned, to be stored before it is sent after the commit.
 * A handler that calls `reply.send` and returns the reply resolves only once the response
 * has gone out (a reply is a thenable): its answer is taken when it calls `send`.
 */
async function captureAnswer(reply: FastifyReply, run: () => unknown): Promise<Answer> {
  const send = reply.send;
  let sent: (payload: unknown) => void = () => undefined;
  const sending = new Promise<{ payload: unknown }>((resolve) => {
    sent = (payload) => resolve({ payload });
  });
  reply.send = (payload?: unknown) => {
    sent(payload);
    return reply;
  };
  let payload: unknown;
  try {
    const running = Promise.resolve(run());
    // Settles after the real send, or never: only its failure before `send` matters here.
    running.catch(() => undefined);
    const first = await Promise.race([sending, running.then((value) => ({ value }))]);
    payload = 'payload' in first ? first.payload : first.value;
  } finally {
    reply.send = send;
  }
  const body =
    typeof payload === 'string'
      ? payload
      : payload === undefined
        ? ''
        : String(reply.serialize(payload));
  const type = reply.getHeader('content-type');
  return {
    status: reply.statusCode,
    contentType: typeof type === 'string' ? type : 'application/json; charset=utf-8',
    body,
  };
}
