import type { ImportContext } from '../import-kind.js';
import type { RowCheck } from '../row-check.js';

/** The person a required person column names (external id, e-mail or name), or null. */
export function readPerson(row: RowCheck, field: string, { people }: ImportContext): string | null {
  const reference = row.required(field);
  if (reference === null) return null;
  const person = people.resolve(reference);
  if (person.ok) return person.id;
  row.fail(field, person.reason);
  return null;
}
