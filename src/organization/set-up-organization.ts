import { hashPassword } from '../auth/password.js';
import { sha256 } from '../auth/secrets.js';
import type { Database, Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import {
  type CreatedOrganization,
  insertOrganization,
  parseNewOrganization,
} from './create-organization.js';

export interface SetUpOrganizationOptions {
  /** Unvalidated, shaped as `NewOrganizationInput`; the admin's password is required here. */
  input: unknown;
  /** From `rudder org setup-token`; needed once any organization exists. */
  setupToken?: string | undefined;
  now: Date;
}

/** Whether the browser's setup is open without a token: only while no organization exists. */
export async function isSetupOpen(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>('select exists (select 1 from org) as found');
  return row?.found !== true;
}

const alreadySetUp = () =>
  new AppError(
    'FORBIDDEN',
    'This server already has an organization. To set up another, ask its operator for a setup link (`rudder org setup-token`).',
  );

const badToken = () =>
  new AppError('FORBIDDEN', 'The setup link is not valid, was already used, or has expired.', {
    issues: [{ field: 'body.setupToken', reason: 'is not valid, already used, or expired' }],
  });

/**
 * The browser's first run: creates an organization and its first admin, with the password
 * they chose, exactly as `rudder org create` does (same schema, same writes). Allowed while
 * no organization exists, or with an unspent, unexpired setup token, which it spends. Under a
 * lock on `org`, two setups racing on an empty database create one organization: the second
 * waits, then finds the first and is refused.
 */
export async function setUpOrganization(
  db: Database,
  options: SetUpOrganizationOptions,
): Promise<CreatedOrganization> {
  const token = options.setupToken;
  // Refused before the slow hash when it cannot succeed (no free scrypt work for a made-up
  // token); checked again, and the token spent, under the lock.
  if (token === undefined && !(await isSetupOpen(db))) throw alreadySetUp();
  if (token !== undefined && !(await isUsable(db, token, options.now))) throw badToken();
  const org = parseNewOrganization(options.input);
  if (!org.admin.password) {
    throw new AppError('VALIDATION_FAILED', 'admin.password: is required', {
      issues: [{ field: 'admin.password', reason: 'is required' }],
    });
  }
  const passwordHash = await hashPassword(org.admin.password);
  return db.transaction(async (tx) => {
    // SHARE ROW EXCLUSIVE conflicts with itself and with the inserts of `org create`: the
    // check below and the insert are one step for every other writer of `org`.
    await tx.query('lock table org in share row exclusive mode');
    if (token === undefined) {
      if (!(await isSetupOpen(tx))) throw alreadySetUp();
    } else {
      // Spent in the transaction: a refused input (a taken slug) leaves it usable.
      const [spent] = await tx.query<{ token_hash: string }>(
        `update setup_token set used_at = $2
          where token_hash = $1 and used_at is null and expires_at > $2
          returning token_hash`,
        [sha256(token), options.now.toISOString()],
      );
      if (!spent) throw badToken();
    }
    return insertOrganization(tx, { org, passwordHash, now: options.now });
  });
}

async function isUsable(db: Queryable, token: string, now: Date): Promise<boolean> {
  const [row] = await db.query<{ usable: boolean }>(
    `select exists (select 1 from setup_token
                     where token_hash = $1 and used_at is null and expires_at > $2) as usable`,
    [sha256(token), now.toISOString()],
  );
  return row?.usable === true;
}
