import { OrgSettingsSchema } from '../core/settings.js';
import { markDataChanged } from '../db/data-version.js';
import type { Database, Queryable } from '../db/database.js';
import { lockOrgWrites } from '../db/org-write-lock.js';
import { AppError, type FieldIssue, isAppError } from '../shared/app-error.js';
import { type Clock, systemClock } from '../shared/clock.js';
import type { ImportContext, ImportOrg, MatchCounts, RowResult } from './import-kind.js';
import {
  blankResult,
  finishImportRun,
  keepImportRunAlive,
  startImportRun,
  updateImportRunProgress,
} from './import-run.js';
import type {
  ImportProgress,
  ImportRecord,
  ImportResult,
  ImportSettings,
  ImportWarning,
} from './import-types.js';
import { kindHandlers } from './kinds/index.js';
import { mergeInSegments, SEGMENT_ROWS } from './merge-in-segments.js';
import { PersonDirectory } from './person-directory.js';
import { RowErrors } from './row-errors.js';
import { StageRegistry } from './stage-registry.js';
import { batchRows, createStaging, encodeCsvRow, STAGING_TABLE } from './staging.js';
import { unstorableCells } from './unstorable-cells.js';

export interface ImportRecordsOptions {
  db: Database;
  orgId: string;
  settings: ImportSettings;
  /** The rows, streamed: a CSV file's records or an API batch, keyed by canonical field. */
  records: AsyncIterable<ImportRecord>;
  /** The import_run already started for this input (the file importer starts it early). */
  runId?: string;
  /** When a run started here starts, by the caller's clock; the system clock by default. */
  now?: Date;
  /** Times the run's lease while it lasts (see keepImportRunAlive); the system clock by default. */
  clock?: Clock;
  fileName?: string | null;
  actorId?: string | null;
  /** Problems the reader found outside the records (ragged rows); read after iteration. */
  readerIssues?: () => readonly FieldIssue[];
  /** Bytes consumed so far and the input's size, for progress. */
  bytesRead?: () => number;
  totalBytes?: number | null;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Rows per segment merged while the rest is parsed (merge-in-segments.ts), or null to
   * merge the whole file at the end. Default: SEGMENT_ROWS on PostgreSQL, null on PGlite,
   * which runs on the parser's own thread, so nothing would overlap. Tests make it small.
   */
  segmentRows?: number | null;
  /**
   * Runs inside the import's transaction after a clean, real merge, just before COMMIT: what
   * must commit with the rows or not at all (a sync's cursor). Not called on a dry run.
   */
  beforeCommit?: (tx: Queryable, result: { counts: MatchCounts; events: number }) => Promise<void>;
}

/** How often progress is reported and, on PostgreSQL, written to import_run. */
const PROGRESS_MS = 250;
const RUN_PROGRESS_MS = 1000;

/** Ends the transaction without writing: a dry run, or a file with row errors. */
class Rollback extends Error {}

interface Outcome {
  counts: MatchCounts;
  events: number;
  missing: ImportResult['missing'];
}

/**
 * Imports one input of one kind, all or nothing: rows are validated while they stream,
 * valid ones are COPYed into a staging table, and one set-based merge writes them — all
 * in ONE transaction, so any row error, a crash or a kill leaves the data untouched.
 * The import_run record is written outside that transaction and survives every outcome.
 *
 * On PGlite (one connection) the transaction holds the database for the whole file:
 * other readers wait until the import ends. That is the price of all-or-nothing there.
 */
export async function importRecords(options: ImportRecordsOptions): Promise<ImportResult> {
  const { db, settings } = options;
  const clock = options.clock ?? systemClock;
  const org = await loadOrg(db, options.orgId);
  const runId =
    options.runId ??
    (await startImportRun(db, {
      orgId: org.id,
      kind: settings.kind,
      fileName: options.fileName ?? null,
      actorId: options.actorId ?? null,
      dryRun: settings.dryRun === true,
      now: options.now ?? clock.now(),
    }));
  const lease = keepImportRunAlive(db, { orgId: org.id, runId, clock });
  try {
    return await importStarted(options, org, runId);
  } finally {
    lease.stop();
  }
}

async function importStarted(
  options: ImportRecordsOptions,
  org: ImportOrg,
  runId: string,
): Promise<ImportResult> {
  const { db, settings } = options;
  const handler = kindHandlers[settings.kind];
  const dryRun = settings.dryRun === true;
  const errors = new RowErrors();
  const warnings = new RowErrors<ImportWarning>();
  let rowsRead = 0;
  let stagesAdded: string[] = [];
  let lastProgress = 0;
  let lastRunProgress = Date.now();
  const progress = (phase: ImportProgress['phase']) =>
    options.onProgress?.({
      rowsRead,
      bytesRead: options.bytesRead?.() ?? 0,
      totalBytes: options.totalBytes ?? null,
      phase,
    });

  let outcome: Outcome | undefined;
  try {
    outcome = await db.transaction(async (tx): Promise<Outcome> => {
      // Another import of this organization waits here until this one ends.
      await lockOrgWrites(tx, org.id);
      const context: ImportContext = {
        org,
        runId,
        settings,
        people: await PersonDirectory.load(tx, org.id),
        stages: await StageRegistry.load(tx, org.id),
        hadRows: (await handler.hasRows?.(tx, org.id)) ?? true,
      };
      checkDefaultOwner(context);
      async function* validRows(): AsyncGenerator<string> {
        for await (const record of options.records) {
          rowsRead += 1;
          const unstorable = unstorableCells(record);
          const row: RowResult =
            unstorable.length > 0
              ? { ok: false, issues: unstorable }
              : handler.toRow(record, context);
          if (row.ok) {
            warnings.addAll(row.warnings);
            yield encodeCsvRow([record.line, ...row.values]);
          } else errors.addAll(row.issues);
          if (rowsRead % 500 === 0 && Date.now() - lastProgress >= PROGRESS_MS) {
            lastProgress = Date.now();
            progress('reading');
            // PGlite has one connection, held by this transaction: no outside write there.
            if (db.engine === 'postgres' && lastProgress - lastRunProgress >= RUN_PROGRESS_MS) {
              lastRunProgress = lastProgress;
              await updateImportRunProgress(db, { orgId: org.id, runId, rowsRead });
            }
          }
        }
      }
      await createStaging(tx, handler.copied, handler.derived);
      const segmentRows =
        options.segmentRows === undefined
          ? db.engine === 'postgres'
            ? SEGMENT_ROWS
            : null
          : options.segmentRows;
      // Stages added by a later segment would be missing for an earlier segment's merge.
      const segmented =
        segmentRows !== null && handler.mergesInSegments === true && settings.addStages !== true
          ? await mergeInSegments({
              db,
              tx,
              handler,
              context,
              rows: validRows(),
              segmentRows,
              clean: () => errors.total === 0,
            })
          : null;
      if (segmented === null) {
        await db.copyIn(tx, {
          table: STAGING_TABLE,
          columns: ['line', ...handler.copied.map((column) => column.name)],
          csv: batchRows(validRows()),
        });
      }
      errors.addAll(options.readerIssues?.() ?? []);
      progress('checking');
      await tx.query(`analyze ${STAGING_TABLE}`);
      errors.addAll(await handler.check(tx, context));
      const counts = segmented?.counts ?? (await handler.match(tx, context));
      const { missing } = (await handler.report?.(tx, context)) ?? {};
      stagesAdded = context.stages.added;
      const staged: Outcome = { counts, events: segmented?.events ?? 0, missing };
      outcome = staged;
      if (errors.total > 0) throw new Rollback();
      // A dry run merges too (its event count is exact), then rolls back.
      if (segmented === null) {
        progress('merging');
        await skipForeignKeyTriggersOnPglite(tx, db);
        staged.events = await handler.merge(tx, context, counts);
      } else if (!segmented.merged) {
        // A segment held back for a problem the whole-file check did not confirm (another
        // import wrote the same key meanwhile): never commit a file only partly merged.
        throw (
          segmented.heldBack ??
          new Error('Import stopped: a segment was not merged although the file is clean.')
        );
      }
      if (dryRun) throw new Rollback();
      await options.beforeCommit?.(tx, { counts: staged.counts, events: staged.events });
      return staged;
    });
  } catch (error: unknown) {
    if (isAppError(error)) {
      // The input broke off (an unclosed quote, an oversized field) or a setting is wrong.
      errors.addAll(
        error.issues.length > 0 ? error.issues : [{ field: '(file)', reason: error.message }],
      );
      errors.addAll(options.readerIssues?.() ?? []);
      outcome = undefined;
    } else if (!(error instanceof Rollback)) {
      const reason = error instanceof Error ? error.message : String(error);
      await finishImportRun(db, org.id, {
        ...blankResult(runId, settings, dryRun, rowsRead),
        errors: [{ field: '(import)', reason }],
        errorCount: 1,
      });
      throw error;
    }
  }

  const failed = errors.total > 0;
  const counts = outcome?.counts ?? { new: 0, changed: 0, unchanged: 0 };
  const result: ImportResult = {
    ...blankResult(runId, settings, dryRun, rowsRead),
    status: failed ? 'failed' : 'succeeded',
    counts: { rows: rowsRead, ...counts, errors: errors.total, events: outcome?.events ?? 0 },
    errors: errors.sorted,
    errorCount: errors.total,
    // Of a file refused for its errors too: fixing them, the user meets these next.
    warnings: warnings.sorted,
    warningCount: warnings.total,
    ...(outcome?.missing === undefined ? {} : { missing: outcome.missing }),
    stagesAdded,
  };
  await finishImportRun(db, org.id, result);
  if (!failed && !dryRun) {
    progress('merging');
    // Fresh statistics and visibility map after a bulk load (index-only scans, plans).
    await db.vacuumAnalyze(handler.tables);
  }
  progress('done');
  return result;
}

/**
 * On PGlite, the merge writes without foreign-key triggers. They check, row by row, what
 * this import already checked set-based in the same transaction: every owner and stage was
 * resolved from the organization's people and stages loaded in it, and PGlite's one
 * connection means nobody can delete them in between. Per-row checks made the merge ~1.7×
 * slower (bench-M). On a PostgreSQL server other connections can write meanwhile, and the
 * role is rarely a superuser, so the triggers stay.
 */
async function skipForeignKeyTriggersOnPglite(tx: Queryable, db: Database): Promise<void> {
  if (db.engine !== 'pglite') return;
  await tx.query('set local session_replication_role = replica');
  // The role silences the data version's triggers too: this transaction raises it itself.
  await markDataChanged(tx);
}

async function loadOrg(db: Database, orgId: string): Promise<ImportOrg> {
  const [row] = await db.query<{
    id: string;
    currency: string;
    time_zone: string;
    fiscal_year_start_month: number;
    settings: unknown;
  }>('select id, currency, time_zone, fiscal_year_start_month, settings from org where id = $1', [
    orgId,
  ]);
  if (row === undefined) throw new AppError('NOT_FOUND', `No organization with id ${orgId}.`);
  // Settings unreadable by today's schema fall back to the defaults, as for the agenda.
  const settings = OrgSettingsSchema.safeParse(row.settings ?? {});
  return {
    id: row.id,
    currency: row.currency,
    timeZone: row.time_zone,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    wonWithoutAmount: settings.success ? settings.data.wonWithoutAmount : 'warn',
  };
}

/** A default owner that names nobody is a setting error, not one error per row. */
function checkDefaultOwner({ people, settings }: ImportContext): void {
  if (settings.defaultOwner === undefined) return;
  const owner = people.resolve(settings.defaultOwner);
  if (!owner.ok) {
    throw new AppError('VALIDATION_FAILED', `Default owner: ${owner.reason}.`, {
      issues: [{ field: 'default_owner', value: settings.defaultOwner, reason: owner.reason }],
    });
  }
}
