import type { Queryable } from './database.js';

/**
 * The data version: one counter the database raises with every committed change to what
 * agendas and scorecards are computed from (statement triggers, migration 0006). Whatever
 * was computed at version v is still right while the version is v, in this process or any
 * other on the same database. It is one counter for the whole database, so a change in one
 * organization also retires another's cached figures: simple, and always on the safe side.
 *
 * Inside a transaction the triggers only note the change (`rudder.data_changed`); the
 * transaction raises the counter just before its COMMIT (`commitDataVersion`), so a long
 * import never holds the counter's row, and a rolled-back change never raised it.
 */

/** Run right after BEGIN: tells the triggers to note changes instead of raising the counter. */
export const beginDataVersion = "select set_config('rudder.transaction', 'on', true)";

/** Run right before COMMIT: raises the counter once if anything the triggers watch changed. */
export const commitDataVersion = `update data_version set version = version + 1
  where id = 1 and current_setting('rudder.data_changed', true) = 'on'`;

/**
 * For writes the triggers do not see (PGlite's import runs with triggers off): the enclosing
 * transaction raises the counter at its COMMIT.
 */
export async function markDataChanged(tx: Queryable): Promise<void> {
  await tx.query("select set_config('rudder.data_changed', 'on', true)");
}

/**
 * The version now. Read it before reading the facts: what is computed from them then belongs
 * to this version or a newer one, never an older one, so a cached result is never newer
 * than its key says and never outlives a change.
 */
export async function readDataVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ version: number }>(`select ${dataVersionSql} as version`);
  return row?.version ?? 0;
}

/** The version as an SQL expression, to read it with something else in one round trip. */
export const dataVersionSql = '(select version from data_version where id = 1)';
