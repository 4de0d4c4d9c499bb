import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import type { Commitment, Goal, Me, Meeting, Note, OrgSettingsView } from './pending-shapes.js';
import type { Agenda, Page, PersonView, Scorecard, TeamView } from './types.js';

/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const keys = {
  me: ['me'] as const,
  settings: ['settings'] as const,
  teams: ['teams'] as const,
  people: ['people'] as const,
  person: (id: string) => ['people', id] as const,
  agenda: (id: string) => ['agenda', id] as const,
  scorecard: (teamId: string, period?: string) => ['scorecard', teamId, period ?? ''] as const,
  orgScorecard: ['scorecard', 'organization'] as const,
  meetings: (filter: MeetingFilter) => ['meetings', filter] as const,
  notes: (meetingId: string) => ['notes', meetingId] as const,
  commitments: (filter: CommitmentFilter) => ['commitments', filter] as const,
  goals: (personId?: string) => ['goals', personId ?? ''] as const,
};

/** `rep`: one rep's; otherwise every one within reach. */
export interface MeetingFilter {
  rep?: string;
}

export interface CommitmentFilter {
  rep?: string;
}

export const useMe = () =>
  useQuery({ queryKey: keys.me, queryFn: () => api<Me>('GET', '/me'), retry: false });

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

export const useScorecard = (teamId: string | undefined, period?: string) =>
  useQuery({
    queryKey: keys.scorecard(teamId ?? '', period),
    queryFn: () => api<Scorecard>('GET', '/scorecard', { query: { team: teamId, period } }),
    enabled: Boolean(teamId),
  });

export const useOrgScorecard = () =>
  useQuery({
    queryKey: keys.orgScorecard,
    queryFn: () => api<Scorecard>('GET', '/scorecard/organization'),
  });

export const useMeetings = (filter: MeetingFilter) =>
  useQuery({
    queryKey: keys.meetings(filter),
    queryFn: () => api<Page<Meeting>>('GET', '/meetings', { query: { ...filter, limit: 200 } }),
  });

export const useNotes = (meetingId: string | undefined) =>
  useQuery({
    queryKey: keys.notes(meetingId ?? ''),
    queryFn: () => api<Page<Note>>('GET', `/meetings/${meetingId}/notes`),
    enabled: Boolean(meetingId),
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
