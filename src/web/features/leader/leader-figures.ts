import type { Commitment, Meeting } from '../../api/pending-shapes.js';
import type { Stage, TeamView } from '../../api/types.js';

export interface ComplianceRow {
  teamId: string;
  teamName: string;
  managerId: string;
  managerName: string;
  reps: number;
  held: number;
  overdue: number;
  minutes: number;
}

/** Share of each team's reps with a 1:1 held this month, minutes spent, overdue meetings. */
export interface ComplianceOptions {
  teams: readonly TeamView[];
  meetings: readonly Meeting[];
  month: { start: string; end: string };
  now: Date;
  nameOf: (personId: string) => string;
}

export function complianceOf({
  teams,
  meetings,
  month,
  now,
  nameOf,
}: ComplianceOptions): ComplianceRow[] {
  return teams.map((team) => {
    const reps = team.members.filter((m) => m.personId !== team.managerId).map((m) => m.personId);
    const inMonth = meetings.filter(
      (m) =>
        reps.includes(m.repId) &&
        m.scheduledAt.slice(0, 10) >= month.start &&
        m.scheduledAt.slice(0, 10) < month.end,
    );
    const held = inMonth.filter((m) => m.status === 'held');
    return {
      teamId: team.id,
      teamName: team.name,
      managerId: team.managerId ?? '',
      managerName: team.managerId ? nameOf(team.managerId) : 'No manager',
      reps: reps.length,
      held: new Set(held.map((m) => m.repId)).size,
      overdue: inMonth.filter(
        (m) => m.status === 'missed' || (m.status === 'scheduled' && new Date(m.scheduledAt) < now),
      ).length,
      minutes: held.reduce((sum, m) => sum + m.durationMinutes, 0),
    };
  });
}

/** Per manager: the share of their own reviewed commitments that were kept. */
export function followThroughOf(commitments: readonly Commitment[]): Map<string, number> {
  const tally = new Map<string, { kept: number; reviewed: number }>();
  for (const c of commitments) {
    if (c.ownerRole !== 'manager' || c.status === 'open') continue;
    const t = tally.get(c.ownerId) ?? { kept: 0, reviewed: 0 };
    t.reviewed += 1;
    if (c.status === 'kept') t.kept += 1;
    tally.set(c.ownerId, t);
  }
  return new Map([...tally].map(([id, t]) => [id, t.kept / t.reviewed]));
}

/** The keys `YYYY-MM` of the last `count` months, oldest first, ending with today's. */
export function monthsBack(today: string, count: number): string[] {
  const [y = 0, m = 1] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

/** The stage each rep's held 1:1 reached, per month. */
export function stagesByRep(meetings: readonly Meeting[]): Map<string, Map<string, Stage>> {
  const byRep = new Map<string, Map<string, Stage>>();
  for (const m of meetings) {
    if (m.status !== 'held' || !m.stageReached) continue;
    const month = (m.heldAt ?? m.scheduledAt).slice(0, 7);
    const row = byRep.get(m.repId) ?? new Map<string, Stage>();
    row.set(month, m.stageReached);
    byRep.set(m.repId, row);
  }
  return byRep;
}

/** The longest run of consecutive months at the activity stage, ending with the latest. */
export function activityRun(
  row: Map<string, Stage> | undefined,
  months: readonly string[],
): number {
  let run = 0;
  for (const month of [...months].reverse()) {
    const stage = row?.get(month);
    if (stage === undefined && run === 0) continue;
    if (stage !== 'activity') break;
    run += 1;
  }
  return run;
}
