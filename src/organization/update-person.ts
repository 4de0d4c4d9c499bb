import type { Database } from '../db/database.js';
import type { Role } from '../db/schema/people.js';
import { getPerson } from './get-person.js';
import type { PersonView } from './person-view.js';
import { recordAudit } from './record-audit.js';
import { conflictOrRethrow } from './unique-violation.js';

export interface PersonPatch {
  name?: string | undefined;
  email?: string | null | undefined;
  title?: string | null | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  externalId?: string | null | undefined;
}

const columns: Record<keyof PersonPatch, string> = {
  name: 'name',
  email: 'email',
  title: 'title',
  role: 'role',
  active: 'active',
  externalId: 'external_id',
};

/** Changes a person; a role change is its own audit event. Deactivating ends their sessions. */
export async function updatePerson(
  db: Database,
  options: { orgId: string; personId: string; actorId: string; patch: PersonPatch; now: Date },
): Promise<PersonView> {
  const before = await getPerson(db, options);
  const entries = Object.entries(options.patch).filter(([, v]) => v !== undefined) as Array<
    [keyof PersonPatch, unknown]
  >;
  if (entries.length === 0) return before;
  const sets = entries.map(([key], i) => `${columns[key]} = $${i + 3}`).join(', ');
  await db.transaction(async (tx) => {
    try {
      await tx.query(`update person set ${sets} where org_id = $1 and id = $2`, [
        options.orgId,
        options.personId,
        ...entries.map(([, v]) => v),
      ]);
    } catch (error: unknown) {
      conflictOrRethrow(
        error,
        'Someone in the organization already has this e-mail or external id.',
      );
    }
    if (options.patch.active === false) {
      await tx.query('delete from session where org_id = $1 and person_id = $2', [
        options.orgId,
        options.personId,
      ]);
    }
    const roleChanged = options.patch.role !== undefined && options.patch.role !== before.role;
    await recordAudit(tx, {
      orgId: options.orgId,
      actorId: options.actorId,
      action: roleChanged ? 'person.role_changed' : 'person.updated',
      subjectType: 'person',
      subjectId: options.personId,
      details: roleChanged
        ? { from: before.role, to: options.patch.role, fields: entries.map(([k]) => k) }
        : { fields: entries.map(([k]) => k) },
      at: options.now,
    });
  });
  return getPerson(db, options);
}
