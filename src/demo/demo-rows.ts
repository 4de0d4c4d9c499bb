/**
 * The demo's rows, keyed by database column name, in the order they must be inserted
 * (parents before children). Values are what the SQL parameters carry.
 */
export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, SqlValue>;

export const demoTables = [
  'org',
  'person',
  'team',
  'team_membership',
  'stage',
  'goal',
  'goal_event',
  'opportunity',
  'opportunity_event',
  'activity',
  'meeting_series',
  'meeting',
  'meeting_note',
  'commitment',
] as const;
export type DemoTable = (typeof demoTables)[number];

export type DemoRows = Record<DemoTable, SqlRow[]>;

export function emptyRows(): DemoRows {
  return Object.fromEntries(demoTables.map((table) => [table, []])) as unknown as DemoRows;
}

/** The org's tables that the demo never fills but a reset must still clear (children first). */
export const otherOrgTables = [
  'session',
  'api_token',
  'import_run',
  'import_mapping',
  'audit_event',
  'job',
  'outbox_message',
  'result_entry',
] as const;
