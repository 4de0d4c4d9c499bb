import type { Queryable } from '../db/database.js';
import { recordAudit } from '../organization/record-audit.js';
import { newSecret, sha256 } from './secrets.js';

export interface CreateApiTokenOptions {
  orgId: string;
  name: string;
  createdBy: string;
  now: Date;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  /** Shown once: only its SHA-256 is kept. */
  token: string;
  createdAt: string;
}

/**
 * A token for machines (CRM sync jobs): `rdr_<org id>_<secret>`. It acts with the rights of the
 * admin who created it, as they are at each request, and only in this organization.
 */
export async function createApiToken(
  db: Queryable,
  options: CreateApiTokenOptions,
): Promise<CreatedApiToken> {
  const token = `rdr_${options.orgId.replaceAll('-', '')}_${newSecret()}`;
  const [row] = await db.query<{ id: string; created_at: string }>(
    `insert into api_token (org_id, name, token_hash, created_by, created_at)
     values ($1, $2, $3, $4, $5) returning id, created_at`,
    [options.orgId, options.name, sha256(token), options.createdBy, options.now.toISOString()],
  );
  const id = row?.id ?? '';
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.createdBy,
    action: 'api_token.created',
    subjectType: 'api_token',
    subjectId: id,
    details: { name: options.name },
    at: options.now,
  });
  return { id, name: options.name, token, createdAt: row?.created_at ?? options.now.toISOString() };
}

/** The organization a bearer token names, and its hash; null when it is not one of ours. */
export function parseApiToken(token: string): { orgId: string; tokenHash: string } | null {
  const match = /^rdr_([0-9a-f]{32})_[A-Za-z0-9_-]{43}$/.exec(token);
  const hex = match?.[1];
  if (!hex) return null;
  const orgId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { orgId, tokenHash: sha256(token) };
}
