import { prepareAgenda } from '../agenda/prepare-agenda.js';
import type { Queryable } from '../db/database.js';

/**
 * Freezes the agenda of every held demo 1:1 as starting it would have: the progression on
 * the demo's own data at the moment it started. The generator cannot write these (they are
 * computed from the rows it writes), and a placeholder would be served as if it were an
 * agenda; the stage reached is the frozen agenda's, so the leader's heat map shows what the
 * progression decided then.
 */
export async function freezeDemoAgendas(tx: Queryable, orgId: string): Promise<number> {
  const held = await tx.query<{ id: string; rep_id: string; started_at: string }>(
    `select id, rep_id, started_at from meeting
      where org_id = $1 and status = 'held' and started_at is not null order by started_at`,
    [orgId],
  );
  for (const meeting of held) {
    const agenda = await prepareAgenda(tx, {
      orgId,
      personId: meeting.rep_id,
      now: new Date(meeting.started_at),
    });
    await tx.query(
      `update meeting set agenda_snapshot = $3, stage_reached = $4 where org_id = $1 and id = $2`,
      [orgId, meeting.id, JSON.stringify(agenda), agenda.progression.stage],
    );
  }
  return held.length;
}
