import { api } from '../../api/client.js';
import type { Meeting } from '../../api/pending-shapes.js';
import { keys, useApiMutation, useMeetings } from '../../api/queries.js';

/** The rep's meeting to hold now: the scheduled one closest to today, if any. */
export function useCurrentMeeting(repId: string) {
  const meetings = useMeetings({ rep: repId });
  const open = (meetings.data?.items ?? [])
    .filter((m) => m.status === 'scheduled')
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const start = useApiMutation(
    () =>
      api<Meeting>('POST', '/meetings', { body: { repId, scheduledAt: new Date().toISOString() } }),
    [keys.meetings({ rep: repId })],
  );
  return { meetings, meeting: open[0] ?? null, start };
}
