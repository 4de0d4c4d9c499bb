import type { Queryable } from '../db/database.js';
import type { Role } from '../db/schema/people.js';
import { getPerson } from './get-person.js';
import type { PersonView } from './person-view.js';
import { recordAudit } from './record-audit.js';
import { conflictOrRethrow } from './unique-violation.js';

export interface CreatePersonOptions {
  orgId: string;
  actorId: string;
  person: {
    name: string;
    email?: string | null | undefined;
    title?: string | null | undefined;
    role: Role;
    externalId?: string | null | undefined;
  };
  now: Date;
}

/** Adds a person to the organization (no password yet: an invitation sets it). */
export async function createPerson(
  db: Queryable,
  options: CreatePersonOptions,
): Promise<PersonView> {
  const p = options.person;
  let id: string;
  try {
    const [row] = await db.query<{ id: string }>(
      `insert into person (org_id, name, email, title, role, external_id)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [options.orgId, p.name, p.email ?? null, p.title ?? null, p.role, p.externalId ?? null],
    );
    id = row?.id ?? '';
  } catch (error: unknown) {
    conflictOrRethrow(error, 'Someone in the organization already has this e-mail or external id.');
  }
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.actorId,
    action: 'person.created',
    subjectType: 'person',
    subjectId: id,
    details: { role: p.role },
    at: options.now,
  });
  return getPerson(db, { orgId: options.orgId, personId: id });
}
