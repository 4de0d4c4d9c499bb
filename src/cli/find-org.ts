import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';

/**
 * The organization a command works on: the one named by `--org <slug>`, or the only one
 * there is. With several and no `--org`, or an unknown slug, the error lists the slugs.
 */
export async function findOrg(
  db: Queryable,
  slug: string | undefined,
): Promise<{ id: string; slug: string }> {
  const orgs = await db.query<{ id: string; slug: string }>(
    'select id, slug from org order by slug',
  );
  const known = orgs.map((org) => org.slug).join(', ');
  if (slug !== undefined) {
    const found = orgs.find((org) => org.slug === slug);
    if (found) return found;
    throw new AppError(
      'NOT_FOUND',
      `--org: no organization "${slug}". Known: ${known || 'none (create one with `rudder org create`)'}.`,
    );
  }
  const [only, ...others] = orgs;
  if (only === undefined) {
    throw new AppError(
      'NOT_FOUND',
      'There is no organization yet; create one with `rudder org create` (or try `rudder demo`).',
    );
  }
  if (others.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Several organizations exist; choose one with --org (${known}).`,
    );
  }
  return only;
}
