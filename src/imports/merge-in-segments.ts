import { setImmediate } from 'node:timers/promises';
import type { Database, Queryable } from '../db/database.js';
import type { ImportContext, ImportKindHandler, MatchCounts } from './import-kind.js';
import { batchRows, STAGING_TABLE } from './staging.js';

/** Rows per segment: big enough that per-statement costs vanish, small enough to overlap. */
export const SEGMENT_ROWS = 50_000;

/** The first segment is small, so the database starts merging soon after the file opens. */
const FIRST_SEGMENT_ROWS = 5_000;

/** Rows parsed between turns of the event loop (see segmentsOf). */
const YIELD_ROWS = 100;

/** Where the merged segments' rows collect, to become the staging table for whole-file checks. */
const FILE_TABLE = 'import_file';

export interface SegmentOutcome {
  counts: MatchCounts;
  events: number;
  /** False once a segment was not merged (row errors): the file will be rolled back. */
  merged: boolean;
  /**
   * The unique violation that stopped a segment's merge. A key repeated in the file is the
   * expected cause, which the whole-file check reports as row errors; if that check finds
   * none, a concurrent import wrote the key, and this is the error to report.
   */
  heldBack?: unknown;
}

/**
 * Stages and merges a file segment by segment, while the next segment is being parsed.
 *
 * Parsing is JavaScript and merging is the database: done one after the other, an import
 * costs their sum; here they overlap (on PostgreSQL they run on different cores). It stays
 * all or nothing — every segment is merged inside the import's one transaction, and any row
 * error, a duplicate key across segments (found by the whole-file check afterwards) or a
 * crash rolls all of them back. A segment is merged only while the file is clean so far.
 *
 * Afterwards the staging table holds every row of the file again, so the kind's whole-file
 * `check` and `report` run unchanged. Counts are exact: each segment is matched before it is
 * merged, and no segment can match another's rows unless a key repeats, which fails the file.
 *
 * A key repeated in the file (inside a segment, or in an earlier segment that a first import
 * did not look up) breaks the merge on a unique key. Each merge runs under a savepoint, so
 * that error only stops the merging; the whole-file check then reports both lines. That is
 * cheaper than checking every segment for repeated keys beforehand (~2 s of bench-L).
 */
export async function mergeInSegments(options: {
  db: Database;
  tx: Queryable;
  handler: ImportKindHandler;
  context: ImportContext;
  rows: AsyncIterable<string>;
  segmentRows: number;
  /** Whether the file is still clean: row errors found so far while parsing. */
  clean: () => boolean;
}): Promise<SegmentOutcome> {
  const { db, tx, handler, context } = options;
  const columns = ['line', ...handler.copied.map((column) => column.name)];
  await tx.query(`create temp table ${FILE_TABLE} (like ${STAGING_TABLE}) on commit drop`);
  const outcome: SegmentOutcome = {
    counts: { new: 0, changed: 0, unchanged: 0 },
    events: 0,
    merged: true,
  };
  for await (const segment of readAhead(segmentsOf(options.rows, options.segmentRows))) {
    await db.copyIn(tx, { table: STAGING_TABLE, columns, csv: inOrder(segment) });
    const counts = await handler.match(tx, context);
    outcome.counts.new += counts.new;
    outcome.counts.changed += counts.changed;
    outcome.counts.unchanged += counts.unchanged;
    outcome.merged &&= options.clean();
    if (outcome.merged) {
      const merge = await mergeSegment({ tx, handler, context, counts });
      if (merge.merged) outcome.events += merge.events;
      else {
        outcome.merged = false;
        outcome.heldBack = merge.heldBack;
      }
    }
    await tx.query(`insert into ${FILE_TABLE} select * from ${STAGING_TABLE}`);
    await tx.query(`truncate ${STAGING_TABLE}`);
  }
  await tx.query(`drop table ${STAGING_TABLE}`);
  await tx.query(`alter table ${FILE_TABLE} rename to ${STAGING_TABLE}`);
  return outcome;
}

/** SQLSTATE unique_violation, as both engines report it. */
const UNIQUE_VIOLATION = '23505';

/** A segment's merge: the events it recorded, or the unique violation that stopped it. */
type SegmentMerge = { merged: true; events: number } | { merged: false; heldBack: unknown };

/**
 * Merges the staged segment under a savepoint: when a unique key breaks, rolling back to it
 * undoes the failed statement and keeps the transaction usable for the rest of the file and
 * its whole-file check. (Each released savepoint stays a subtransaction until COMMIT; past 64,
 * about 3M rows, other sessions' snapshots look some rows up in pg_subtrans meanwhile.)
 */
async function mergeSegment(options: {
  tx: Queryable;
  handler: ImportKindHandler;
  context: ImportContext;
  counts: MatchCounts;
}): Promise<SegmentMerge> {
  const { tx, handler, context, counts } = options;
  await tx.query('savepoint import_segment');
  try {
    const events = await handler.merge(tx, context, counts);
    await tx.query('release savepoint import_segment');
    return { merged: true, events };
  } catch (error: unknown) {
    if ((error as { code?: unknown } | null)?.code !== UNIQUE_VIOLATION) throw error;
    await tx.query('rollback to savepoint import_segment');
    await tx.query('release savepoint import_segment');
    return { merged: false, heldBack: error };
  }
}

async function* inOrder(chunks: readonly string[]): AsyncGenerator<string> {
  yield* chunks;
}

/**
 * Groups encoded rows into segments, each an array of COPY chunks: the first of
 * FIRST_SEGMENT_ROWS, each next one twice as big, up to `segmentRows`.
 */
async function* segmentsOf(
  rows: AsyncIterable<string>,
  segmentRows: number,
): AsyncGenerator<string[]> {
  let segment: string[] = [];
  let count = 0;
  let size = Math.min(FIRST_SEGMENT_ROWS, segmentRows);
  async function* tracked(): AsyncGenerator<string> {
    for await (const row of rows) {
      count += 1;
      // Parsing runs on promises alone between reads of the file: let the database's
      // replies in, or each statement of the segment being merged waits ~20 ms for them.
      if (count % YIELD_ROWS === 0) await setImmediate();
      yield row;
    }
  }
  // One pass over the rows; a segment ends after `size` rows.
  const chunks = batchRows(tracked(), { maxRows: Math.min(FIRST_SEGMENT_ROWS, segmentRows) });
  for await (const chunk of chunks) {
    segment.push(chunk);
    if (count >= size) {
      yield segment;
      segment = [];
      count = 0;
      size = Math.min(size * 2, segmentRows);
    }
  }
  if (segment.length > 0) yield segment;
}

/**
 * Iterates `source` one item ahead: while the caller works on an item (awaiting the
 * database), the next one is already being produced. Memory holds two items at most.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    while (true) {
      const current = await next;
      if (current.done === true) return;
      next = iterator.next();
      // If the caller stops early (an error), the item being produced is not awaited.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
