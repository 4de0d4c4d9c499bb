import type { Queryable } from '../db/database.js';
import { newSecret, sha256 } from './secrets.js';

export interface CreateSessionOptions {
  orgId: string;
  personId: string;
  now: Date;
  absoluteHours: number;
}

/**
 * A new session with a fresh random token: sign-in never reuses a token the browser already
 * had (no session fixation). Returns the cookie value `<orgId>.<token>`, so the session is
 * found by its primary key (org_id, token_hash).
 */
export async function createSession(db: Queryable, options: CreateSessionOptions): Promise<string> {
  const token = newSecret();
  const now = options.now.toISOString();
  const expires = new Date(options.now.getTime() + options.absoluteHours * 3_600_000).toISOString();
  await db.query(
    `insert into session (org_id, token_hash, person_id, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $4, $5)`,
    [options.orgId, sha256(token), options.personId, now, expires],
  );
  return `${options.orgId}.${token}`;
}

/** Splits a cookie value; null when it is not one Rudder made. */
export function parseSessionCookie(value: string): { orgId: string; token: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return match?.[1] && match[2] ? { orgId: match[1], token: match[2] } : null;
}
