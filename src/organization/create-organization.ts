import type { z } from 'zod';
import { issueOneTimeToken, setPasswordLink } from '../auth/issue-one-time-token.js';
import { hashPassword } from '../auth/password.js';
import type { Database, Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { defaultStages } from './default-stages.js';
import { type NewOrganization, NewOrganizationSchema } from './new-organization-schema.js';
import { recordAudit } from './record-audit.js';

export interface CreateOrganizationOptions {
  /**
   * Unvalidated (shaped as `NewOrganizationInput`): the schema checks every field and names
   * each one it refuses, also a month typed as text.
   */
  input: unknown;
  now: Date;
  /** Base of the sign-in link (PUBLIC_URL); http://localhost:3000 when unset. */
  publicUrl?: string | undefined;
}

export interface CreatedOrganization {
  orgId: string;
  slug: string;
  adminId: string;
  /** The admin's one-time link to choose a password; null when a password was given. */
  signInLink: string | null;
}

/**
 * Creates an organization with the default stages and settings and its first admin, in one
 * transaction: a refused value or a taken slug writes nothing. Without a password the admin
 * gets a single-use invitation link (7 days) to choose one, as an invited person does.
 */
export async function createOrganization(
  db: Database,
  options: CreateOrganizationOptions,
): Promise<CreatedOrganization> {
  const org = parseNewOrganization(options.input);
  // scrypt is slow on purpose: hash before the transaction, not while it holds a connection.
  const passwordHash = org.admin.password ? await hashPassword(org.admin.password) : null;
  return db.transaction((tx) =>
    insertOrganization(tx, { org, passwordHash, now: options.now, publicUrl: options.publicUrl }),
  );
}

/**
 * The writes of a new organization, inside the caller's transaction: the org, its default
 * stages, its first admin (with `passwordHash`, or a sign-in link when null) and the audit row.
 * The CLI's `org create` and the browser's setup share it.
 */
export async function insertOrganization(
  tx: Queryable,
  options: {
    org: NewOrganization;
    passwordHash: string | null;
    now: Date;
    publicUrl?: string | undefined;
  },
): Promise<CreatedOrganization> {
  const { org, passwordHash } = options;
  const [created] = await tx.query<{ id: string }>(
    // settings '{}': every threshold is its default (src/core/settings.ts), read through
    // the schema, so a better default later reaches organizations that changed nothing.
    // `on conflict do nothing`: two creations racing for one slug get the same answer.
    `insert into org (slug, name, currency, time_zone, fiscal_year_start_month, settings, created_at)
     values ($1, $2, $3, $4, $5, '{}', $6)
     on conflict (slug) do nothing returning id`,
    [
      org.slug,
      org.name,
      org.currency,
      org.timeZone,
      org.fiscalYearStartMonth,
      options.now.toISOString(),
    ],
  );
  if (!created) return refuseTakenSlug(tx, org.slug);
  const orgId = created.id;
  await tx.query(
    `insert into stage (org_id, name, position, kind, probability)
     select $1, s.name, s.position, s.kind, s.probability
       from json_to_recordset($2::json) as s(name text, position smallint, kind text, probability smallint)`,
    [orgId, JSON.stringify(defaultStages)],
  );
  const [admin] = await tx.query<{ id: string }>(
    `insert into person (org_id, name, email, role, password_hash, created_at)
     values ($1, $2, $3, 'admin', $4, $5) returning id`,
    [orgId, org.admin.name, org.admin.email, passwordHash, options.now.toISOString()],
  );
  if (!admin) throw new Error('insert into person returned no row');
  await recordAudit(tx, {
    orgId,
    actorId: null,
    action: 'person.created',
    subjectType: 'person',
    subjectId: admin.id,
    details: { role: 'admin', via: 'organization created' },
    at: options.now,
  });
  const signInLink =
    passwordHash === null
      ? setPasswordLink(
          options.publicUrl,
          await issueOneTimeToken(tx, {
            orgId,
            personId: admin.id,
            purpose: 'invitation',
            now: options.now,
          }),
        )
      : null;
  return { orgId, slug: org.slug, adminId: admin.id, signInLink };
}

/** The schema's verdict as the one error type, one issue per refused field. */
export function parseNewOrganization(input: unknown): NewOrganization {
  const parsed = NewOrganizationSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', describeIssues(parsed.error.issues), {
    issues: parsed.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      reason: issue.message,
    })),
  });
}

async function refuseTakenSlug(tx: Queryable, slug: string): Promise<never> {
  const [holder] = await tx.query<{ name: string }>('select name from org where slug = $1', [slug]);
  const reason = `'${slug}' is taken by the organization "${holder?.name ?? slug}"; choose another`;
  throw new AppError('CONFLICT', `slug: ${reason}`, {
    issues: [{ field: 'slug', value: slug, reason }],
  });
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}
