import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { keys, useMeetings, useSnapshot } from '../../api/queries.js';
import type {
  MeetingSnapshot,
  MeetingState,
  ScheduleMeetingBody,
  StartedMeeting,
} from '../../api/types.js';

/**
 * The rep's 1:1 to hold now: the earliest one still scheduled, and its snapshot (an agenda
 * frozen at its start means it is running). Starting it freezes the agenda; with nothing
 * scheduled (an overdue rep), a one-off 1:1 is put in the calendar first, then started.
 */
export function useCurrentMeeting(repId: string) {
  const client = useQueryClient();
  const meetings = useMeetings({ rep: repId });
  const meeting =
    (meetings.data?.items ?? [])
      .filter((m) => m.status === 'scheduled')
      .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0] ?? null;
  const snapshot = useSnapshot(meeting?.id);
  const start = useMutation({
    mutationFn: async () => {
      const id =
        meeting?.id ??
        (
          await api<MeetingState>('POST', '/meetings', {
            // A one-off 1:1 is scheduled in the future: a minute from now, and started at once.
            body: {
              repId,
              scheduledAt: new Date(Date.now() + 60_000).toISOString(),
            } satisfies ScheduleMeetingBody,
          })
        ).id;
      return api<StartedMeeting>('POST', `/meetings/${id}/start`);
    },
    onSuccess: async (started) => {
      const frozen: MeetingSnapshot = {
        meetingId: started.meeting.id,
        frozenAt: started.meeting.startedAt,
        agenda: started.agenda,
      };
      client.setQueryData(keys.snapshot(started.meeting.id), frozen);
      await client.invalidateQueries({ queryKey: keys.meetings({ rep: repId }) });
    },
  });
  return { meetings, meeting, snapshot, start };
}
