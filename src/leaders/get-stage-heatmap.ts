import { addMonths } from '../core/days.js';
import type { Queryable } from '../db/database.js';
import type { ProgressionStage } from '../meetings/meeting-records.js';
import { orgTimeZone } from '../meetings/meeting-records.js';
import { managersLedBy } from './leader-scope.js';

export interface StageHeatmap {
  /** `YYYY-MM`, oldest first: the columns. */
  months: string[];
  /** One row per rep met in the range; `stages[i]` belongs to `months[i]`, null = no 1:1. */
  rows: Array<{ repId: string; repName: string; stages: Array<ProgressionStage | null> }>;
}

export interface GetStageHeatmapOptions {
  orgId: string;
  /** `YYYY-MM`, both inclusive. */
  fromMonth: string;
  toMonth: string;
  /** Only the 1:1s of this manager, or of the managers under this leader. */
  managerId?: string | undefined;
  leaderId?: string | undefined;
}

/**
 * Which stage each rep reached each month: rep × month, from the `stage_reached` frozen
 * when each 1:1 started. With two 1:1s in a month (every four weeks does that once a
 * year) the later one stands, being the more recent judgement.
 */
export async function getStageHeatmap(
  db: Queryable,
  options: GetStageHeatmapOptions,
): Promise<StageHeatmap> {
  const timeZone = await orgTimeZone(db, options.orgId);
  const months: string[] = [];
  for (let m = options.fromMonth; m <= options.toMonth; m = addMonths(m, 1)) months.push(m);
  const cells = await db.query<{
    rep_id: string;
    rep_name: string;
    month: string;
    stage: ProgressionStage;
  }>(
    `select distinct on (m.rep_id, month) m.rep_id, p.name as rep_name,
            to_char(m.held_at at time zone $2, 'YYYY-MM') as month, m.stage_reached as stage
       from meeting m join person p on p.org_id = m.org_id and p.id = m.rep_id
      where m.org_id = $1 and m.status = 'held' and m.stage_reached is not null
        and m.held_at >= ($3 || '-01')::date::timestamp at time zone $2
        and m.held_at < ($4 || '-01')::date::timestamp at time zone $2
        and ($5::uuid is null or m.manager_id = $5::uuid) and ${managersLedBy('$6')}
      order by m.rep_id, month, m.held_at desc`,
    [
      options.orgId,
      timeZone,
      options.fromMonth,
      addMonths(options.toMonth, 1),
      options.managerId ?? null,
      options.leaderId ?? null,
    ],
  );
  const byRep = new Map<string, StageHeatmap['rows'][number]>();
  for (const cell of cells) {
    let row = byRep.get(cell.rep_id);
    if (!row) {
      row = { repId: cell.rep_id, repName: cell.rep_name, stages: months.map(() => null) };
      byRep.set(cell.rep_id, row);
    }
    row.stages[months.indexOf(cell.month)] = cell.stage;
  }
  const rows = [...byRep.values()].sort(
    (a, b) => a.repName.localeCompare(b.repName) || a.repId.localeCompare(b.repId),
  );
  return { months, rows };
}
