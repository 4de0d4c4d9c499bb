import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getImportRun, ImportRunDetailSchema } from '../../imports/get-import-run.js';
import { startImportRun } from '../../imports/import-run.js';
import { auditedImport, importAnswer } from '../../imports/ingest/audited-import.js';
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  settleIdempotencyKey,
} from '../../imports/ingest/idempotency.js';
import { importCsvStream } from '../../imports/ingest/import-csv-stream.js';
import { ColumnsQuery, settingsOf, UploadQuery } from '../../imports/ingest/import-query.js';
import { ImportResultSchema } from '../../imports/ingest/import-result-schema.js';
import { checkDeclaredLength, MeteredBody } from '../../imports/ingest/metered-body.js';
import { replayedResult } from '../../imports/ingest/replayed-result.js';
import { rememberImportMapping } from '../../imports/remember-import-mapping.js';
import { ImportColumnsSchema, suggestImportColumns } from '../../imports/suggest-import-columns.js';
import { AppError } from '../../shared/app-error.js';
import { accessOf } from '../access/access-control.js';
import {
  IdempotencyKeySchema,
  idempotencyKeyHeader,
  replayedHeader,
} from '../idempotent-writes.js';
import { IdParams, problems } from '../schemas/common.js';

/** A CSV body is streamed to the importer as it arrives, never held whole. */
const passThrough = (_request: unknown, payload: Readable, done: (e: null, b: Readable) => void) =>
  done(null, payload);

/** The start of a file sent to read its header: far more than any header row. */
const HEAD_LIMIT = 1024 * 1024;

/** Uploading a CSV file (the web app's import page) and following an import's progress. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  const limit = config.IMPORT_BODY_LIMIT_MB * 1024 * 1024;
  app.addContentTypeParser('text/csv', passThrough);

  app.post(
    '/api/v1/imports',
    {
      schema: {
        tags: ['admin'],
        summary: 'Import a CSV file sent as the raw text/csv body, all or nothing (admin)',
        description:
          'Same pipeline as `rudder import`. 200 with the result for a clean run or dry run; ' +
          '400 IMPORT_FAILED with the row errors (line, field, value, reason) in `issues`. ' +
          'With `Idempotency-Key` the key is kept with the import run (as on the ingest route): a ' +
          "retry of the same file answers the first run's result.",
        querystring: UploadQuery,
        // Loose: every other header is allowed, as on any route.
        headers: z.looseObject({ [idempotencyKeyHeader]: IdempotencyKeySchema }),
        response: { 200: ImportResultSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const key = request.headers[idempotencyKeyHeader];
      const { kind, fileName, preset, columns, ...options } = request.query;
      if (!(request.body instanceof Readable))
        throw new AppError('VALIDATION_FAILED', 'Send the CSV file as a text/csv body.');
      const declared = request.headers['content-length'];
      checkDeclaredLength(declared, limit);
      const settings = settingsOf(kind, options, clock.now());
      const start = {
        orgId: caller.orgId,
        kind,
        fileName: fileName ?? null,
        actorId: caller.personId,
        dryRun: options.dryRun,
        now: clock.now(),
      };
      // The fingerprint of a keyed upload: its query and its bytes.
      const body = new MeteredBody(limit, `${JSON.stringify(request.query)}\n`);
      request.body.pipe(body);
      request.body.on('error', (error) => body.destroy(error));
      let runId: string;
      if (key === undefined) runId = await startImportRun(db, start);
      else {
        const claim = await claimIdempotencyKey(db, { key, start });
        if (claim.state === 'running')
          throw new AppError(
            'IDEMPOTENCY_KEY_IN_USE',
            `A request with this Idempotency-Key is still running (import ${claim.runId}).`,
          );
        if (claim.state === 'done') {
          await body.drain();
          if (body.digest() !== claim.fingerprint)
            throw new AppError(
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was used for another request; use a new key for a new file.',
            );
          reply.header(replayedHeader, 'true');
          const run = await getImportRun(db, {
            orgId: caller.orgId,
            runId: claim.runId,
            now: clock.now(),
          });
          return importAnswer(replayedResult(run));
        }
        runId = claim.runId;
      }
      const run = () =>
        auditedImport({
          db,
          orgId: caller.orgId,
          actorId: caller.personId,
          ip: request.ip,
          now: clock.now(),
          runId,
          settings,
          via: 'upload',
          fileName: start.fileName,
          run: () =>
            importCsvStream({
              db,
              orgId: caller.orgId,
              runId,
              body,
              fileName: start.fileName,
              settings,
              preset,
              map: columns,
              actorId: caller.personId,
              bytesRead: () => body.bytesRead,
              totalBytes: declared === undefined ? null : Number(declared),
              clock,
            }),
        });
      let result: Awaited<ReturnType<typeof run>>;
      if (key === undefined) result = await run();
      else {
        try {
          result = await run();
          await body.drain();
          await settleIdempotencyKey(db, {
            orgId: caller.orgId,
            runId,
            key,
            fingerprint: body.digest(),
          });
        } catch (error: unknown) {
          // As on the ingest route: only a finished run answers retries.
          if (!(error instanceof AppError && error.code === 'IMPORT_FAILED'))
            await releaseIdempotencyKey(db, { orgId: caller.orgId, runId });
          throw error;
        }
      }
      // A mapping that went through is offered again for the next file of this kind.
      if (columns !== undefined && result.status === 'succeeded') {
        await rememberImportMapping(db, {
          orgId: caller.orgId,
          kind,
          columns,
          actorId: caller.personId,
          now: clock.now(),
        });
      }
      return importAnswer(result);
    },
  );

  app.post(
    '/api/v1/imports/columns',
    {
      schema: {
        tags: ['admin'],
        summary:
          "Which column holds each field, for a file's first bytes (text/csv): the mapping last used for the kind, else the presets' guess (admin)",
        querystring: ColumnsQuery,
        response: { 200: ImportColumnsSchema, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      if (!(request.body instanceof Readable))
        throw new AppError(
          'VALIDATION_FAILED',
          'Send the start of the CSV file as a text/csv body.',
        );
      // The header row is all that is read; the web sends the first 64 KiB.
      const body = new MeteredBody(HEAD_LIMIT, '');
      request.body.pipe(body);
      request.body.on('error', (error) => body.destroy(error));
      return suggestImportColumns(db, {
        orgId: caller.orgId,
        kind: request.query.kind,
        source: body,
      });
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "An import's progress and outcome: status, rows read, counts, errors (admin)",
        params: IdParams,
        response: { 200: ImportRunDetailSchema, ...problems },
      },
    },
    async (request) =>
      getImportRun(db, {
        orgId: accessOf(request).caller.orgId,
        runId: request.params.id,
        now: clock.now(),
      }),
  );
};
