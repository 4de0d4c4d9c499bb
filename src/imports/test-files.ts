import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queryable } from '../db/database.js';

/** A temporary folder of CSV files for one test file. */
export function csvFolder(): {
  dir: string;
  write(name: string, text: string): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'rudder-import-'));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const dataTables = [
  'person',
  'team',
  'team_membership',
  'stage',
  'opportunity',
  'opportunity_event',
  'activity',
  'result_entry',
  'goal',
  'goal_event',
];

/**
 * A digest of every table an import writes (row counts and an md5 of the rows): equal
 * digests before and after a failed import prove it left nothing behind.
 */
export async function dataDigest(db: Queryable): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of dataTables) {
    const [row] = await db.query<{ n: number; md5: string | null }>(
      `select count(*)::int8 as n, md5(string_agg(t::text, '|' order by t::text)) as md5 from ${table} t`,
    );
    digest[table] = `${row?.n ?? 0}:${row?.md5 ?? ''}`;
  }
  return digest;
}
