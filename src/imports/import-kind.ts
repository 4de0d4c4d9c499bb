import type { OrgSettings } from '../core/settings.js';
import type { Queryable } from '../db/database.js';
import type { FieldIssue } from '../shared/app-error.js';
import type { ImportRecord, ImportResult, ImportSettings, ImportWarning } from './import-types.js';
import type { PersonDirectory } from './person-directory.js';
import type { StageRegistry } from './stage-registry.js';
import type { StagingColumn, StagingValue } from './staging.js';

/** The organization an import writes into, with what parsing needs to know of it. */
export interface ImportOrg {
  id: string;
  currency: string;
  timeZone: string;
  fiscalYearStartMonth: number;
  /** Whether a won deal without an amount is imported with a warning or refused. */
  wonWithoutAmount: OrgSettings['wonWithoutAmount'];
}

/** Everything a kind needs while it validates and merges one file. */
export interface ImportContext {
  org: ImportOrg;
  runId: string;
  settings: ImportSettings;
  people: PersonDirectory;
  stages: StageRegistry;
  /**
   * Whether the organization had rows of this kind when the import began (true when the kind
   * cannot tell, see `hasRows`). Without any, every staged row is new: its key could only
   * match a row of the same file, and a key repeated in a file is a row error.
   */
  hadRows: boolean;
}

/** A validated row: its staged values (and what deserves a look), or every issue found in it. */
export type RowResult =
  | { ok: true; values: StagingValue[]; warnings: ImportWarning[] }
  | { ok: false; issues: FieldIssue[] };

export interface MatchCounts {
  new: number;
  changed: number;
  unchanged: number;
}

/**
 * One import kind: how a row is validated into the staging table (in TypeScript, while
 * streaming), and how the staged rows are checked, counted and merged (in SQL, set-based).
 * Every SQL step reads `import_staging`; `$1` is always the organization's id.
 */
export interface ImportKindHandler {
  /** Columns written by COPY, after `line`, in `toRow` order. */
  copied: readonly StagingColumn[];
  /** Columns the match step fills (the id of the existing row, resolved references). */
  derived: readonly StagingColumn[];
  /** Tables a real run writes, for VACUUM (ANALYZE) afterwards. */
  tables: readonly string[];
  /** Validates one record: the staged values, or the row's issues. */
  toRow(record: ImportRecord, context: ImportContext): RowResult;
  /** Problems only the whole file shows: keys repeated, references to unknown rows. */
  check(tx: Queryable, context: ImportContext): Promise<FieldIssue[]>;
  /** Whether the organization has rows of this kind; asked once, before the first is staged. */
  hasRows?(tx: Queryable, orgId: string): Promise<boolean>;
  /** Finds the existing row of each staged row and counts new / changed / unchanged. */
  match(tx: Queryable, context: ImportContext): Promise<MatchCounts>;
  /**
   * Writes the staged rows; resolves with the number of opportunity events recorded.
   * `counts` (the match's) lets it skip statements that could find nothing to do.
   */
  merge(tx: Queryable, context: ImportContext, counts: MatchCounts): Promise<number>;
  /**
   * Whether segments of a big file may be matched and merged while the rest is still being
   * parsed (see merge-in-segments.ts): true when no row of the file can change how another
   * row matches or merges, except by repeating its key, which the whole-file check rejects.
   * A repeated key may break the merge only as a unique violation, which stops the merging.
   */
  mergesInSegments?: boolean;
  /** Extra findings for the result (a full snapshot's missing opportunities). */
  report?(tx: Queryable, context: ImportContext): Promise<Pick<ImportResult, 'missing'>>;
}
