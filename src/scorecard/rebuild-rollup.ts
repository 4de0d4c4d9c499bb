import { markDataChanged } from '../db/data-version.js';
import type { Database } from '../db/database.js';
import { lockOrgWrites } from '../db/org-write-lock.js';

export interface RebuiltOrg {
  slug: string;
  /** Rows of `rep_month` and of `rep_month_activity` after the rebuild. */
  months: number;
  activityMonths: number;
  /**
   * Rows removed plus rows written that were not there before (0: the rollup was right); a
   * row with one wrong figure counts once in each.
   */
  corrected: number;
}

/**
 * Recomputes the `rep_month` rollup of one organization (or of all) from the base tables in
 * one transaction: the triggers keep it, this repairs it (after a restore of only some
 * tables, or a trigger disabled by hand) and proves it: `corrected` says what was wrong.
 */
export async function rebuildRollup(
  db: Database,
  options: { orgSlug?: string; onProgress?: (done: RebuiltOrg, index: number, of: number) => void },
): Promise<RebuiltOrg[]> {
  return db.transaction(async (tx) => {
    const orgs = await tx.query<{ id: string; slug: string }>(
      'select id, slug from org where $1::text is null or slug = $1 order by slug',
      [options.orgSlug ?? null],
    );
    // Rankings cached by a running server were computed from the rollup being repaired:
    // this transaction retires them at its COMMIT (the rollup's own tables have no trigger).
    await markDataChanged(tx);
    const rebuilt: RebuiltOrg[] = [];
    for (const [index, org] of orgs.entries()) {
      // An import of this organization running now finishes first (or waits for this).
      await lockOrgWrites(tx, org.id);
      const before = await tx.query<{ row: string }>(
        `select r::text as row from rep_month r where org_id = $1
         union all select a::text from rep_month_activity a where org_id = $1`,
        [org.id],
      );
      await tx.query('select rudder_rep_month_rebuild($1)', [org.id]);
      const [after] = await tx.query<{ months: number; activity_months: number; same: number }>(
        `with now as (select r::text as row from rep_month r where org_id = $1
                      union all select a::text from rep_month_activity a where org_id = $1)
         select (select count(*) from rep_month where org_id = $1) as months,
                (select count(*) from rep_month_activity where org_id = $1) as activity_months,
                (select count(*) from now where row = any($2::text[])) as same`,
        [org.id, before.map((b) => b.row)],
      );
      const months = after?.months ?? 0;
      const activityMonths = after?.activity_months ?? 0;
      const done: RebuiltOrg = {
        slug: org.slug,
        months,
        activityMonths,
        corrected: before.length + months + activityMonths - 2 * (after?.same ?? 0),
      };
      rebuilt.push(done);
      options.onProgress?.(done, index, orgs.length);
    }
    return rebuilt;
  });
}
