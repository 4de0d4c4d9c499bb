import type { Queryable } from '../db/database.js';
import { newSecret, sha256 } from './secrets.js';

/** Long enough to open the link printed by the CLI, short enough that a stray one dies soon. */
export const setupTokenLifetimeMs = 3_600_000;

/**
 * A single-use token that opens the browser's setup of one more organization on a server that
 * already has some (`rudder org setup-token`). Only its hash is stored.
 */
export async function issueSetupToken(
  db: Queryable,
  options: { now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(options.now.getTime() + setupTokenLifetimeMs);
  await db.query(
    'insert into setup_token (token_hash, created_at, expires_at) values ($1, $2, $3)',
    [sha256(token), options.now.toISOString(), expiresAt.toISOString()],
  );
  return { token, expiresAt };
}

/** The setup screen's address with the token. */
export function setupLink(publicUrl: string | undefined, token: string): string {
  const base = (publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}/setup?token=${encodeURIComponent(token)}`;
}
