import type { OpportunityField } from '../db/schema/pipeline.js';
import type { FieldIssue } from '../shared/app-error.js';
import type { DateOrder } from './read/date-parts.js';
import type { ImportKind } from './read/import-fields.js';
import type { PresetName } from './read/presets.js';

/** One input row, keyed by Rudder's canonical field names (see importFields). */
export interface ImportRecord {
  /** 1-based line of the file (or position in an API batch), for error messages. */
  line: number;
  values: Readonly<Record<string, string>>;
}

export type ImportPhase = 'reading' | 'checking' | 'merging' | 'done';

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  /** null when the input's size is unknown (a stream). */
  totalBytes: number | null;
  phase: ImportPhase;
}

/** What an import run does; shared by the CLI and the (future) HTTP ingest API. */
export interface ImportSettings {
  kind: ImportKind;
  /** The time a snapshot was observed: events and first-seen created dates use it. */
  asOf: string;
  /** Validate and count, write nothing but the import_run record. */
  dryRun?: boolean;
  /** Append unknown stages instead of rejecting their rows. */
  addStages?: boolean;
  /** The file holds every opportunity: report those it lacks (never deletes them). */
  fullSnapshot?: boolean;
  /** Order of numeric dates like 03/04/2024 (default mdy). */
  dateOrder?: DateOrder;
  /** Owner (external id, e-mail or name) of opportunities whose row names none. */
  defaultOwner?: string;
  /** Probability scale of the source (a preset's); default percent. */
  probabilityScale?: 'percent' | 'fraction';
  /**
   * The fields whose change between snapshots an opportunities import records as events
   * (default: all). A sync that also reads the CRM's field history leaves stage, amount,
   * close date and status to it, which knows when each change happened.
   */
  snapshotEvents?: readonly OpportunityField[];
  /** Which export format the file was read with, recorded in the run's counts. */
  preset?: PresetName;
}

export interface ImportCounts {
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  errors: number;
  /** Opportunity events recorded (opportunities and opportunity-history). */
  events: number;
}

/**
 * A row imported as it is that deserves a look: the import's rule filled in what the file
 * lacked, and that may mislead (a won deal without an amount counts as 0 in bookings).
 */
export interface ImportWarning {
  line: number;
  /** The row's external id, to find it in the CRM; null when the row has none. */
  externalId: string | null;
  field: string;
  reason: string;
}

export interface ImportResult {
  runId: string;
  kind: ImportKind;
  dryRun: boolean;
  status: 'succeeded' | 'failed';
  rowsRead: number;
  counts: ImportCounts;
  /** The first row errors, in line order within each check (capped, see errorCount). */
  errors: FieldIssue[];
  errorCount: number;
  /** The first warnings, by line (capped like the errors, see warningCount). */
  warnings: ImportWarning[];
  warningCount: number;
  /** With a full snapshot: opportunities the file lacks (not deleted). */
  missing?: { count: number; externalIds: string[] };
  /** Stages created by `addStages`, in the order they were first seen. */
  stagesAdded: string[];
}
