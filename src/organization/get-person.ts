import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { type PersonView, personColumns } from './person-view.js';

/** One person of the organization (reach is checked by the caller of this function). */
export async function getPerson(
  db: Queryable,
  options: { orgId: string; personId: string },
): Promise<PersonView> {
  const [row] = await db.query<PersonView>(
    `select ${personColumns} from person p where p.org_id = $1 and p.id = $2`,
    [options.orgId, options.personId],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such person.');
  return row;
}
