import type { Meeting } from '../../api/pending-shapes.js';

export type RepMeetingState = 'held' | 'scheduled' | 'overdue' | 'due';

/**
 * Where a rep's 1:1 of this period stands: held; scheduled ahead; overdue (its time passed
 * without being held, or it was missed); due (nothing planned yet).
 */
export function meetingStateOf(
  meetings: readonly Meeting[],
  now: Date,
): { state: RepMeetingState; meeting: Meeting | null } {
  const held = meetings.find((m) => m.status === 'held');
  if (held) return { state: 'held', meeting: held };
  const planned = meetings
    .filter((m) => m.status === 'scheduled' || m.status === 'missed')
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const late = planned.find((m) => m.status === 'missed' || new Date(m.scheduledAt) < now);
  if (late) return { state: 'overdue', meeting: late };
  const ahead = planned[0];
  if (ahead) return { state: 'scheduled', meeting: ahead };
  return { state: 'due', meeting: null };
}

export const stateWords: Record<RepMeetingState, string> = {
  held: 'Held',
  scheduled: 'Scheduled',
  overdue: 'Overdue',
  due: 'Due',
};
