import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getImportRun, ImportRunDetailSchema } from '../../imports/get-import-run.js';
import { startImportRun } from '../../imports/import-run.js';
import { auditedImport, importAnswer } from '../../imports/ingest/audited-import.js';
import { importCsvStream } from '../../imports/ingest/import-csv-stream.js';
import { ColumnsQuery, settingsOf, UploadQuery } from '../../imports/ingest/import-query.js';
import { ImportResultSchema } from '../../imports/ingest/import-result-schema.js';
import { checkDeclaredLength, MeteredBody } from '../../imports/ingest/metered-body.js';
import { rememberImportMapping } from '../../imports/remember-import-mapping.js';
import { ImportColumnsSchema, suggestImportColumns } from '../../imports/suggest-import-columns.js';
import { AppError } from '../../shared/app-error.js';
import { accessOf } from '../access/access-control.js';
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
          '400 IMPORT_FAILED with the row errors (line, field, value, reason) in `issues`.',
        querystring: UploadQuery,
        response: { 200: ImportResultSchema, ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
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
      const runId = await startImportRun(db, start);
      const body = new MeteredBody(limit, '');
      request.body.pipe(body);
      request.body.on('error', (error) => body.destroy(error));
      const result = await auditedImport({
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
