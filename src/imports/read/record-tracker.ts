import type { AppError } from '../../shared/app-error.js';
import { csvError } from './csv-issue.js';
import type { CsvDelimiter } from './detect-delimiter.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export interface RecordTrackerOptions {
  delimiter: CsvDelimiter;
  maxFieldBytes: number;
}

/**
 * A byte scanner run over the file in front of csv-parse. It does two things the parser
 * cannot do for us:
 *
 * - It remembers the physical line on which each record starts. csv-parse only knows
 *   the line where a record ends, and miscounts a CRLF inside quotes as two lines.
 * - It notices a field that grows past `maxFieldBytes` while the bytes stream by, so a
 *   runaway quote or a 10 MB cell fails fast instead of being buffered whole.
 *
 * It must agree with csv-parse on what a record is: a record ends at CRLF, LF or CR
 * outside quotes (the parser is configured with exactly these record delimiters), and
 * a physical line with no bytes at all is an empty line that csv-parse skips.
 */
export class RecordTracker {
  /** Set once a field exceeded the limit; nothing from its record on may be read. */
  failure: { error: AppError; line: number } | undefined;
  /** Start lines of records seen by the scanner and not yet claimed by the parser. */
  private readonly startLines: number[] = [];
  private readonly delimiter: number;
  private readonly maxFieldBytes: number;
  private line = 1;
  private inQuotes = false;
  private afterCR = false;
  private fieldBytes = 0;
  private recordStart: number | null = null;

  constructor(options: RecordTrackerOptions) {
    this.delimiter = options.delimiter.charCodeAt(0);
    this.maxFieldBytes = options.maxFieldBytes;
  }

  /** The start line of the next record the parser emits; call once per parsed record. */
  claimStartLine(): number {
    return this.startLines.shift() ?? this.line;
  }

  /** The start line of the record the parser is working on (for parser errors). */
  peekStartLine(): number {
    return this.startLines[0] ?? this.line;
  }

  /**
   * Scans the next chunk. Returns how many of its bytes may be parsed: all of them, or
   * those before the byte that made a field too large (then `failure` is set).
   */
  scan(chunk: Uint8Array): number {
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index];
      if (this.afterCR) {
        this.afterCR = false;
        // The LF of a CRLF pair: the line was already counted at the CR.
        if (byte === LF) continue;
      }
      if (byte === CR || byte === LF) {
        this.line += 1;
        this.afterCR = byte === CR;
        if (!this.inQuotes) {
          this.recordStart = null;
          this.fieldBytes = 0;
          continue;
        }
      } else if (!this.inQuotes && this.recordStart === null) {
        this.recordStart = this.line;
        this.startLines.push(this.line);
      }
      if (byte === QUOTE) {
        // Toggling on every quote also reads an escaped "" correctly (out, then in).
        this.inQuotes = !this.inQuotes;
      } else if (byte === this.delimiter && !this.inQuotes) {
        this.fieldBytes = 0;
        continue;
      }
      this.fieldBytes += 1;
      if (this.fieldBytes > this.maxFieldBytes) {
        const line = this.recordStart ?? this.line;
        this.failure = { error: fieldTooLarge(line, this.maxFieldBytes), line };
        return index;
      }
    }
    return chunk.length;
  }
}
function fieldTooLarge(line: number, maxFieldBytes: number): AppError {
  return csvError(line, `a field is larger than the limit of ${formatBytes(maxFieldBytes)}`);
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
