import { z } from 'zod';
import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { getPerson } from './get-person.js';
import { PersonSchema } from './person-view.js';

export const MeSchema = z
  .object({
    person: PersonSchema,
    org: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    via: z.enum(['session', 'api-token']),
    activityShared: z
      .boolean()
      .describe('the rep shares their activity detail under the activity gate'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

/** The signed-in person, their organization, and how they are signed in. */
export async function getMe(
  db: Queryable,
  options: { orgId: string; personId: string; via: Me['via'] },
): Promise<Me> {
  const person = await getPerson(db, options);
  const [org] = await db.query<{ id: string; slug: string; name: string; shared: boolean }>(
    `select o.id, o.slug, o.name,
            exists (select 1 from activity_share s where s.org_id = o.id and s.person_id = $2) as shared
       from org o where o.id = $1`,
    [options.orgId, options.personId],
  );
  if (!org) throw new AppError('NOT_FOUND', 'No such organization.');
  const { shared, ...orgView } = org;
  return { person, org: orgView, via: options.via, activityShared: shared };
}
