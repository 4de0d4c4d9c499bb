import type { Meeting, MeetingDue, TeamView } from '../../api/types.js';
import { todayIn } from '../../components/today.js';

export type RepMeetingState = 'held' | MeetingDue['state'];

export interface TeamRow {
  repId: string;
  name: string;
  state: RepMeetingState;
  /** When it was held, or when the next one is scheduled; null when nothing is planned. */
  at: string | null;
  /** The day the next 1:1 was due by the rep's cadence (`YYYY-MM-DD`), when not held. */
  dueOn: string | null;
  daysOverdue: number;
}

const urgency: Record<RepMeetingState, number> = { overdue: 0, due: 1, scheduled: 2, held: 3 };

export interface RowsOptions {
  team: TeamView;
  due: readonly MeetingDue[];
  meetings: readonly Meeting[];
  /** `YYYY-MM`: a 1:1 held in this month counts as held. */
  month: string;
  timeZone: string;
}

/**
 * One row per rep of the team, most urgent first: held this month (the meeting records),
 * else where `GET /meetings/due` puts them (overdue, due, scheduled).
 */
export function rowsOf({ team, due, meetings, month, timeZone }: RowsOptions): TeamRow[] {
  return team.members
    .filter((m) => m.personId !== team.managerId)
    .map((member): TeamRow => {
      const held = meetings.find(
        (m) =>
          m.repId === member.personId &&
          m.status === 'held' &&
          m.heldAt !== null &&
          todayIn(timeZone, new Date(m.heldAt)).startsWith(month),
      );
      const entry = due.find((d) => d.repId === member.personId);
      if (held)
        return {
          repId: member.personId,
          name: member.name,
          state: 'held',
          at: held.heldAt,
          dueOn: null,
          daysOverdue: 0,
        };
      return {
        repId: member.personId,
        name: member.name,
        state: entry?.state ?? 'due',
        at: entry?.nextMeeting?.scheduledAt ?? null,
        dueOn: entry?.dueOn ?? null,
        daysOverdue: entry?.daysOverdue ?? 0,
      };
    })
    .sort((a, b) => urgency[a.state] - urgency[b.state] || a.name.localeCompare(b.name));
}

export const stateWords: Record<RepMeetingState, string> = {
  held: 'Held',
  scheduled: 'Scheduled',
  overdue: 'Overdue',
  due: 'Due',
};
