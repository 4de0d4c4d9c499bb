import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getImportRun } from '../../imports/get-import-run.js';
import { importRecords } from '../../imports/import-records.js';
import { startImportRun } from '../../imports/import-run.js';
import { auditedImport, importAnswer } from '../../imports/ingest/audited-import.js';
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  settleIdempotencyKey,
} from '../../imports/ingest/idempotency.js';
import { ImportOptionsQuery, settingsOf } from '../../imports/ingest/import-query.js';
import { ImportResultSchema } from '../../imports/ingest/import-result-schema.js';
import {
  arrayRecords,
  type JsonRecords,
  ndjsonRecords,
} from '../../imports/ingest/json-records.js';
import { checkDeclaredLength, MeteredBody } from '../../imports/ingest/metered-body.js';
import { replayedResult } from '../../imports/ingest/replayed-result.js';
import { importKinds } from '../../imports/read/import-fields.js';
import { AppError } from '../../shared/app-error.js';
import { accessOf } from '../access/access-control.js';
import { problems } from '../schemas/common.js';

const passThrough = (_request: unknown, payload: Readable, done: (e: null, b: Readable) => void) =>
  done(null, payload);

/** The batch as records, and its fingerprint once it has been read to its end. */
interface Batch extends JsonRecords {
  fingerprint: () => Promise<string>;
}

/** The JSON/NDJSON ingest API for CRM sync jobs: the CSV importer's rules, keyed by field. */
export const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  const limit = config.IMPORT_BODY_LIMIT_MB * 1024 * 1024;
  app.addContentTypeParser('application/x-ndjson', passThrough);

  app.post(
    '/api/v1/ingest/:kind',
    {
      bodyLimit: limit,
      schema: {
        tags: ['admin'],
        summary: 'Ingest rows as NDJSON or a JSON array, all or nothing (admin, API tokens)',
        description:
          'Body: `application/x-ndjson` (one object per line, streamed) or `application/json` ' +
          "(an array); keys are Rudder's field names of the kind. Errors name the NDJSON line " +
          'or array index + 1. With `Idempotency-Key`, a retry of the same request answers the ' +
          "first run's result without running again; the same key with another request is 409.",
        params: z.object({ kind: z.enum(importKinds) }),
        querystring: ImportOptionsQuery,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(255).optional() }),
        response: { 200: ImportResultSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const { kind } = request.params;
      const key = request.headers['idempotency-key'];
      const settings = settingsOf(kind, request.query, clock.now());
      const seed = `${kind}\n${JSON.stringify(request.query)}\n`;
      checkDeclaredLength(request.headers['content-length'], limit);
      const batch = batchOf(request.body, kind, seed, limit);
      const orgId = caller.orgId;
      const start = {
        orgId,
        kind,
        fileName: null,
        actorId: caller.personId,
        dryRun: settings.dryRun === true,
        now: clock.now(),
      };

      let runId: string;
      if (key === undefined) runId = await startImportRun(db, start);
      else {
        const claim = await claimIdempotencyKey(db, { key, start });
        if (claim.state === 'running')
          throw new AppError(
            'CONFLICT',
            `A request with this Idempotency-Key is still running (import ${claim.runId}).`,
          );
        if (claim.state === 'done') {
          if ((await batch.fingerprint()) !== claim.fingerprint)
            throw new AppError(
              'CONFLICT',
              'This Idempotency-Key was used for a different request.',
            );
          reply.header('idempotent-replayed', 'true');
          return importAnswer(
            replayedResult(await getImportRun(db, { orgId, runId: claim.runId, now: clock.now() })),
          );
        }
        runId = claim.runId;
      }
      const run = () =>
        importRecords({
          db,
          orgId,
          runId,
          actorId: caller.personId,
          settings: { ...settings, preset: 'rudder', probabilityScale: 'percent' },
          records: batch.records,
          readerIssues: () => batch.issues,
          clock,
        });
      try {
        const result = await auditedImport({
          db,
          orgId,
          actorId: caller.personId,
          ip: request.ip,
          now: clock.now(),
          runId,
          settings,
          via: 'ingest',
          fileName: null,
          run,
        });
        if (key !== undefined)
          await settleIdempotencyKey(db, {
            orgId,
            runId,
            key,
            fingerprint: await batch.fingerprint(),
          });
        return importAnswer(result);
      } catch (error: unknown) {
        // Only a finished run answers retries: one that broke off may run again.
        if (key !== undefined && !(error instanceof AppError && error.code === 'IMPORT_FAILED'))
          await releaseIdempotencyKey(db, { orgId, runId });
        throw error;
      }
    },
  );
};

function batchOf(
  body: unknown,
  kind: (typeof importKinds)[number],
  seed: string,
  limit: number,
): Batch {
  if (Array.isArray(body)) {
    const hash = createHash('sha256').update(seed).update(JSON.stringify(body)).digest('hex');
    return { ...arrayRecords(body, kind), fingerprint: async () => hash };
  }
  if (body instanceof Readable) {
    const metered = new MeteredBody(limit, seed);
    body.pipe(metered);
    body.on('error', (error) => metered.destroy(error));
    let digest: string | undefined;
    const fingerprint = async () => {
      await metered.drain();
      digest ??= metered.digest();
      return digest;
    };
    return { ...ndjsonRecords(metered, kind), fingerprint };
  }
  throw new AppError(
    'VALIDATION_FAILED',
    'Send an NDJSON body (application/x-ndjson) or a JSON array.',
    {
      issues: [{ field: 'body', reason: 'expected NDJSON lines or a JSON array of objects' }],
    },
  );
}
