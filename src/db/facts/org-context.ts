import { type OrgSettings, OrgSettingsSchema } from '../../core/settings.js';
import { AppError } from '../../shared/app-error.js';
import type { VersionedCache } from '../../shared/versioned-cache.js';
import type { Queryable } from '../database.js';

/** What every fact query and the core need to know about the organization. */
export interface OrgContext {
  orgId: string;
  name: string;
  currency: string;
  locale: string;
  timeZone: string;
  fiscalYearStartMonth: number;
  settings: OrgSettings;
}

/** What the organization's row holds for the facts, as read by `orgRowSql`. */
export interface OrgRow {
  name: string;
  currency: string;
  locale: string;
  time_zone: string;
  fiscal_year_start_month: number;
  settings: unknown;
}

/** The organization `$1`'s row as one JSON value (null when there is none), to ride along. */
export const orgRowSql = `(select row_to_json(o) from (
    select name, currency, locale, time_zone, fiscal_year_start_month, settings
      from org where id = $1) o)`;

export async function loadOrgContext(db: Queryable, orgId: string): Promise<OrgContext> {
  const [row] = await db.query<{ org: OrgRow | null }>(`select ${orgRowSql} as org`, [orgId]);
  return orgContextOf(orgId, row?.org ?? null);
}

/** The organization's context from its row; NOT_FOUND without one. */
export function orgContextOf(orgId: string, row: OrgRow | null): OrgContext {
  if (!row) throw new AppError('NOT_FOUND', 'No such organization.');
  const settings = OrgSettingsSchema.safeParse(row.settings ?? {});
  return {
    orgId,
    name: row.name,
    currency: row.currency,
    locale: row.locale,
    timeZone: row.time_zone,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    // Stored settings were validated when saved; a later, stricter schema must not lock the
    // organization out, so anything unreadable falls back to the defaults.
    settings: settings.success ? settings.data : OrgSettingsSchema.parse({}),
  };
}

/** The organization as of data `version`, from `cache` when it was read at that version. */
export function orgContextAt(
  db: Queryable,
  orgId: string,
  version: number,
  cache: VersionedCache<OrgContext> | null,
): Promise<OrgContext> {
  const load = () => loadOrgContext(db, orgId);
  return cache === null ? load() : cache.get(orgId, version, load);
}
