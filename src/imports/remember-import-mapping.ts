import type { Queryable } from '../db/database.js';
import type { ImportKind } from './read/import-fields.js';

export interface RememberImportMappingOptions {
  orgId: string;
  kind: ImportKind;
  /** Rudder field → the file's header, as the admin chose them. */
  columns: Readonly<Record<string, string>>;
  actorId: string | null;
  now: Date;
}

/**
 * Keeps the column mapping of an upload that went through, to offer it for the next file
 * of the same kind (see suggestImportColumns). One mapping per organization and kind.
 */
export async function rememberImportMapping(
  db: Queryable,
  options: RememberImportMappingOptions,
): Promise<void> {
  await db.query(
    `insert into import_mapping (org_id, kind, columns, updated_by, updated_at)
     values ($1, $2, $3::jsonb, $4, $5)
     on conflict (org_id, kind) do update
       set columns = excluded.columns, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
    [options.orgId, options.kind, JSON.stringify(options.columns), options.actorId, options.now],
  );
}
