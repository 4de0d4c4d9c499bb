import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';

/**
 * The organization a command works on: the one named by `--org <slug>`, or the only one
 * there is. With several and no slug, the error lists them.
 */
export async function findOrg(
  db: Queryable,
  slug: string | undefined,
): Promise<{ id: string; slug: string }> {
  const orgs = await db.query<{ id: string; slug: string }>(
    slug === undefined
      ? 'select id, slug from org order by slug'
      : 'select id, slug from org where slug = $1',
    slug === undefined ? [] : [slug],
  );
  const [only] = orgs;
  if (only !== undefined && orgs.length === 1) return only;
  if (slug !== undefined) throw new AppError('NOT_FOUND', `No organization with slug "${slug}".`);
  if (orgs.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      'There is no organization yet; create one first (e.g. `rudder demo`).',
    );
  }
  const slugs = orgs.map((org) => org.slug).join(', ');
  throw new AppError(
    'VALIDATION_FAILED',
    `Several organizations exist; choose one with --org (${slugs}).`,
  );
}
