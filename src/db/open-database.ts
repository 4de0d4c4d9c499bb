import type { CopyInOptions, Database } from './database.js';

/** A database as an engine opens it, before `createDb` decides whether to migrate it. */
export type OpenDatabase = Database & { migrate(): Promise<void> };

export function vacuumSql(tables: readonly string[] | undefined): string {
  return tables && tables.length > 0
    ? `VACUUM (ANALYZE) ${tables.map((t) => `"${t.replaceAll('"', '')}"`).join(', ')}`
    : 'VACUUM (ANALYZE)';
}

/** The COPY statement's head for a table and its columns, names quoted. */
export function copySql({ table, columns }: Pick<CopyInOptions, 'table' | 'columns'>): string {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `COPY ${quote(table)} (${columns.map(quote).join(', ')})`;
}
