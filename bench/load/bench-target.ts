import pg from 'pg';

/** Where one engine's bench data lives: a PGlite data folder or a PostgreSQL database. */
export type BenchTarget =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'postgres'; databaseUrl: string; database: string; adminUrl: string };

export type EngineName = BenchTarget['engine'];

/** The server's URL with another database name (bench data of each size lives apart). */
export function postgresTarget(baseUrl: string, suffix: string): BenchTarget {
  const url = new URL(baseUrl);
  const base = url.pathname.replace(/^\//, '') || 'rudder_bench';
  const database = `${base}_${suffix}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  url.pathname = `/${database}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  return { engine: 'postgres', databaseUrl: url.toString(), database, adminUrl: admin.toString() };
}

export async function adminQuery<T extends pg.QueryResultRow>(
  adminUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Server and version of the engine, for the report. */
export async function serverVersion(adminUrl: string): Promise<string> {
  const [row] = await adminQuery<{ v: string }>(
    adminUrl,
    "select current_setting('server_version') as v",
  );
  return row?.v ?? 'unknown';
}
