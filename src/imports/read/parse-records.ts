import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { isAppError } from '../../shared/app-error.js';
import { csvError } from './csv-issue.js';
import { toBuffer } from './csv-source.js';
import type { CsvDelimiter } from './detect-delimiter.js';
import { RecordTracker } from './record-tracker.js';

/** Parsed records waiting for the consumer before reading pauses (backpressure). */
const QUEUE_LIMIT = 1000;

/** One parsed record: its fields in file order and the line where it starts. */
export interface RawRecord {
  line: number;
  fields: string[];
}

export interface ParseRecordsOptions {
  delimiter: CsvDelimiter;
  maxFieldBytes: number;
}

/** A pull-based reader of raw records; `close` releases the source when stopping early. */
export interface RecordSource {
  next(): Promise<RawRecord | undefined>;
  close(): void;
}

const csvErrorReasons: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
  CSV_INVALID_CLOSING_QUOTE: 'text follows the closing quote of a field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows the closing quote of a field',
};

/**
 * Streams `head` and then the remaining `chunks` through csv-parse.
 *
 * Records are taken from csv-parse's `on_record` hook into our own queue rather than
 * read from the stream: a stream that fails discards the records it still buffers, and
 * the consumer must receive every good record before the line that broke the file.
 */
export function parseRecords(
  head: Buffer,
  chunks: AsyncIterator<unknown>,
  options: ParseRecordsOptions,
): RecordSource {
  const tracker = new RecordTracker(options);
  const queue: RawRecord[] = [];
  let finished = false;
  let parseError: unknown;
  // The consumer waits for records, the reader for room in the queue: wake both.
  let waiters: (() => void)[] = [];
  const notify = (): void => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const changed = (): Promise<void> =>
    new Promise((resolve) => {
      waiters.push(resolve);
    });

  async function* body(): AsyncGenerator<Buffer> {
    let chunk: Buffer | undefined = head;
    const rest = { [Symbol.asyncIterator]: () => chunks };
    const iterator = rest[Symbol.asyncIterator]();
    try {
      while (chunk !== undefined) {
        const usable = tracker.scan(chunk);
        // Up to the oversized field only: the records before it still parse and count.
        if (usable > 0) yield usable === chunk.length ? chunk : chunk.subarray(0, usable);
        if (tracker.failure !== undefined) return;
        while (queue.length >= QUEUE_LIMIT && !finished) await changed();
        if (finished) return;
        const result = await iterator.next();
        chunk = result.done === true ? undefined : toBuffer(result.value);
      }
    } finally {
      // Closes the caller's stream whether the file ended, failed or was abandoned.
      await iterator.return?.();
    }
  }

  const parser = parse({
    delimiter: options.delimiter,
    // The same three line endings the tracker counts, so both agree on every record.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    bom: false,
    on_record: (fields: string[]) => {
      queue.push({ line: tracker.claimStartLine(), fields });
      notify();
      // Nothing is pushed downstream: the queue above is the output.
      return null;
    },
  });
  parser.resume();
  pipeline(Readable.from(body()), parser, (error) => {
    if (error !== null && error !== undefined) parseError ??= toAppError(error, tracker);
    finished = true;
    notify();
  });

  return {
    async next() {
      for (;;) {
        const failure = tracker.failure;
        const record = queue.shift();
        if (record !== undefined) {
          notify();
          // The record cut short by an oversized field, and anything after it, is not data.
          if (failure !== undefined && record.line >= failure.line) throw failure.error;
          return record;
        }
        if (finished) {
          if (failure !== undefined) throw failure.error;
          if (parseError !== undefined) throw parseError;
          return undefined;
        }
        await changed();
      }
    },
    close() {
      finished = true;
      notify();
      parser.destroy();
    },
  };
}

function toAppError(error: unknown, tracker: RecordTracker): unknown {
  if (isAppError(error)) return error;
  if (error instanceof CsvError) {
    // Every record before the failing one was claimed, so the next start line is its own.
    return csvError(tracker.peekStartLine(), csvErrorReasons[error.code] ?? error.message);
  }
  return error;
}
