import { fileURLToPath } from 'node:url';

/** The committed drizzle-kit migrations; two levels up works from both src/db and dist/db. */
export const migrationsFolder = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));
