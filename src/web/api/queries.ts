import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addMonths } from '../components/today.js';
import { api } from './client.js';
import type {
  ActivityStreak,
  Agenda,
  Commitment,
  CommitmentToReview,
  Compliance,
  DealHistory,
  FollowThrough,
  Goal,
  Items,
  Me,
  Meeting,
  MeetingDue,
  MeetingSnapshot,
  Note,
  OrganizationRankingPage,
  OrgSettingsView,
  Page,
  PersonView,
  PrepQueueEntry,
  PreWork,
  Scorecard,
  StageHeatmap,
  TeamView,
} from './types.js';

/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const keys = {
  me: ['me'] as const,
  settings: ['settings'] as const,
  teams: ['teams'] as const,
  people: ['people'] as const,
  person: (id: string) => ['people', id] as const,
  agenda: (id: string) => ['agenda', id] as const,
  deal: (personId: string, dealId: string) => ['deals', personId, dealId] as const,
  scorecard: (teamId: string, period?: string) => ['scorecard', teamId, period ?? ''] as const,
  orgScorecard: (period?: string, offset = 0) =>
    ['scorecard', 'organization', period ?? '', offset] as const,
  meetings: (filter: MeetingFilter) => ['meetings', filter] as const,
  due: ['meetings', 'due'] as const,
  prepQueue: ['meetings', 'prep-queue'] as const,
  preWork: (meetingId: string) => ['meetings', 'pre-work', meetingId] as const,
  snapshot: (meetingId: string) => ['meetings', 'snapshot', meetingId] as const,
  toReview: (meetingId: string) => ['commitments', 'to-review', meetingId] as const,
  notes: (meetingId: string) => ['notes', meetingId] as const,
  commitments: (filter: CommitmentFilter) => ['commitments', filter] as const,
  goals: (personId?: string) => ['goals', personId ?? ''] as const,
  leaders: (report: string, period: string) => ['leaders', report, period] as const,
};

/** `rep`: one rep's; otherwise every one within reach. */
export interface MeetingFilter {
  rep?: string;
}

export interface CommitmentFilter {
  rep?: string;
}

/** Who is signed in; null when nobody is (the API answers 204 then, never an error). */
export const useMe = () =>
  useQuery({
    queryKey: keys.me,
    queryFn: async () => (await api<Me | undefined>('GET', '/me')) ?? null,
    retry: false,
  });

export const useOrgSettings = (enabled = true) =>
  useQuery({
    queryKey: keys.settings,
    queryFn: () => api<OrgSettingsView>('GET', '/settings'),
    enabled,
  });

export const useTeams = () =>
  useQuery({ queryKey: keys.teams, queryFn: () => api<Page<TeamView>>('GET', '/teams') });

export const usePeople = () =>
  useQuery({
    queryKey: keys.people,
    queryFn: () => api<Page<PersonView>>('GET', '/people', { query: { limit: 200 } }),
  });

export const usePerson = (id: string) =>
  useQuery({ queryKey: keys.person(id), queryFn: () => api<PersonView>('GET', `/people/${id}`) });

export const useAgenda = (personId: string) =>
  useQuery({
    queryKey: keys.agenda(personId),
    queryFn: () => api<Agenda>('GET', `/people/${personId}/agenda`),
  });

/** One deal of the rep, opened from the Pipeline step (fetched only once opened). */
export const useDealHistory = (personId: string, dealId: string | null) =>
  useQuery({
    queryKey: keys.deal(personId, dealId ?? ''),
    queryFn: () => api<DealHistory>('GET', `/people/${personId}/deals/${dealId}`),
    enabled: dealId !== null,
  });

export const useScorecard = (teamId: string | undefined, period?: string) =>
  useQuery({
    queryKey: keys.scorecard(teamId ?? '', period),
    queryFn: () => api<Scorecard>('GET', '/scorecard', { query: { team: teamId, period } }),
    enabled: Boolean(teamId),
  });

/** Rows per page of the organization ranking: a screenful, not thousands of reps. */
export const RANKING_PAGE_SIZE = 50;

export const useOrgScorecard = (period?: string, offset = 0) =>
  useQuery({
    queryKey: keys.orgScorecard(period, offset),
    queryFn: () =>
      api<OrganizationRankingPage>('GET', '/scorecard/organization', {
        query: { period, offset, limit: RANKING_PAGE_SIZE },
      }),
  });

export const useMeetings = (filter: MeetingFilter) =>
  useQuery({
    queryKey: keys.meetings(filter),
    queryFn: () => api<Page<Meeting>>('GET', '/meetings', { query: { ...filter, limit: 200 } }),
  });

/** Reps due or overdue a 1:1 (and, with `includeScheduled`, those already in the calendar). */
export const useMeetingsDue = () =>
  useQuery({
    queryKey: keys.due,
    queryFn: () =>
      api<Items<MeetingDue>>('GET', '/meetings/due', { query: { includeScheduled: true } }),
  });

/** The rep's answers before a 1:1 (an empty list until they write). */
export const usePreWork = (meetingId: string | undefined) =>
  useQuery({
    queryKey: keys.preWork(meetingId ?? ''),
    queryFn: () => api<PreWork>('GET', `/meetings/${meetingId}/pre-work`),
    enabled: Boolean(meetingId),
  });

/** The manager's reps: the stage each 1:1 reaches and why, late ones first. */
export const usePrepQueue = () =>
  useQuery({
    queryKey: keys.prepQueue,
    queryFn: () => api<Items<PrepQueueEntry>>('GET', '/prep-queue'),
  });

/** The agenda frozen when the 1:1 started (`agenda` null until then). */
export const useSnapshot = (meetingId: string | undefined) =>
  useQuery({
    queryKey: keys.snapshot(meetingId ?? ''),
    queryFn: () => api<MeetingSnapshot>('GET', `/meetings/${meetingId}/snapshot`),
    enabled: Boolean(meetingId),
  });

export const useCommitmentsToReview = (meetingId: string) =>
  useQuery({
    queryKey: keys.toReview(meetingId),
    queryFn: () =>
      api<Items<CommitmentToReview>>('GET', `/meetings/${meetingId}/commitments-to-review`),
  });

export const useNotes = (meetingId: string | undefined) =>
  useQuery({
    queryKey: keys.notes(meetingId ?? ''),
    queryFn: () => api<Items<Note>>('GET', `/meetings/${meetingId}/notes`),
    enabled: Boolean(meetingId),
  });

export const useCompliance = (period: string) =>
  useQuery({
    queryKey: keys.leaders('compliance', period),
    queryFn: () => api<Compliance>('GET', '/leaders/compliance', { query: { period } }),
  });

export const useHeatmap = (toMonth: string) =>
  useQuery({
    queryKey: keys.leaders('heatmap', toMonth),
    queryFn: () =>
      api<StageHeatmap>('GET', '/leaders/heatmap', {
        query: { fromMonth: addMonths(toMonth, -5), toMonth },
      }),
  });

export const useActivityStreaks = (throughMonth: string) =>
  useQuery({
    queryKey: keys.leaders('activity-streaks', throughMonth),
    queryFn: () =>
      api<Items<ActivityStreak>>('GET', '/leaders/activity-streaks', {
        query: { throughMonth, minPeriods: 2 },
      }),
  });

export const useFollowThrough = (period: string) =>
  useQuery({
    queryKey: keys.leaders('follow-through', period),
    queryFn: () => api<FollowThrough>('GET', '/leaders/follow-through', { query: { period } }),
  });

export const useCommitments = (filter: CommitmentFilter) =>
  useQuery({
    queryKey: keys.commitments(filter),
    queryFn: () =>
      api<Page<Commitment>>('GET', '/commitments', { query: { ...filter, limit: 200 } }),
  });

export const useGoals = (personId?: string) =>
  useQuery({
    queryKey: keys.goals(personId),
    queryFn: () => api<Page<Goal>>('GET', '/goals', { query: { person: personId, limit: 200 } }),
  });

/** A mutation that refreshes the given queries once it succeeded. */
export function useApiMutation<TInput, TOutput>(
  run: (input: TInput) => Promise<TOutput>,
  invalidate: ReadonlyArray<readonly unknown[]>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
