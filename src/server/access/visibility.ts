import type { Role } from '../../db/schema/people.js';

/**
 * How far a role reaches on a route, widest first:
 * - `org`: anything in the caller's organization;
 * - `team`: the caller, plus — for a manager, the reps of the teams they manage now; for a
 *   leader, the members and managers of the teams they lead; for a rep, their current team;
 * - `self`: the caller's own objects only;
 * - `none`: the role may not call the route (403).
 * An object outside the reach answers 404, exactly like one that does not exist.
 */
export type Level = 'none' | 'self' | 'team' | 'org';

/** What the route's `:id` (or its `team`/`personId` input) designates, for the access check. */
export type Target =
  | 'none'
  | 'person'
  | 'team'
  | 'meeting'
  | 'commitment'
  | 'goal'
  | 'api-token'
  | 'import-run';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PublicRule {
  method: Method;
  url: string;
  auth: 'public';
  /** The docs plugin serves its files under a wildcard it owns: one row covers the prefix. */
  prefix?: true;
}

export interface SignedInRule {
  method: Method;
  url: string;
  auth: 'signed-in';
  target: Target;
  roles: Readonly<Record<Role, Level>>;
  /** Row filters beyond the level, stated where the matrix test and docs can read them. */
  note?: string;
}

export type RouteRule = PublicRule | SignedInRule;

const v1 = '/api/v1';
const everyone = { admin: 'org', leader: 'org', manager: 'org', rep: 'org' } as const;
const own = { admin: 'self', leader: 'self', manager: 'self', rep: 'self' } as const;
const adminOnly = { admin: 'org', leader: 'none', manager: 'none', rep: 'none' } as const;
/** People and their results: the org for admins, the teams in reach for leaders and managers. */
const peopleReach = { admin: 'org', leader: 'team', manager: 'team', rep: 'self' } as const;
/** The 1:1 itself: the rep and their manager now; leaders and admins never. */
const oneOnOne = { admin: 'none', leader: 'none', manager: 'team', rep: 'self' } as const;
/** Meeting records (status, stage reached): the 1:1's people plus the leader over them. */
const meetingRecords = { admin: 'none', leader: 'team', manager: 'team', rep: 'self' } as const;
/** Running the 1:1 (schedule, start, review, finish, move): the rep's manager now only. */
const managerOnly = { admin: 'none', leader: 'none', manager: 'team', rep: 'none' } as const;
/** Goal agreement: the rep and their manager, the two sides of it. */
const goalSides = { admin: 'none', leader: 'none', manager: 'team', rep: 'self' } as const;
/** Leaders' figures (stages reached, follow-through): never notes; admins do not run 1:1s. */
const leaderFigures = { admin: 'none', leader: 'team', manager: 'team', rep: 'none' } as const;

/** THE visibility table: every route of the app has exactly one row (the matrix test checks). */
export const visibility: readonly RouteRule[] = [
  { method: 'GET', url: '/healthz', auth: 'public' },
  { method: 'GET', url: '/readyz', auth: 'public' },
  { method: 'GET', url: '/api/openapi.json', auth: 'public' },
  { method: 'GET', url: '/api/docs', auth: 'public', prefix: true },
  /** The web application's files and its index.html for deep links; its data come from /api. */
  { method: 'GET', url: '/*', auth: 'public' },
  { method: 'POST', url: `${v1}/auth/sign-in`, auth: 'public' },
  { method: 'POST', url: `${v1}/auth/password-reset`, auth: 'public' },
  { method: 'POST', url: `${v1}/auth/password`, auth: 'public' },
  /** The calendar subscription: no session; the secret token in the URL is the credential. */
  { method: 'GET', url: '/calendar/:token.ics', auth: 'public' },
  { method: 'POST', url: `${v1}/auth/sign-out`, auth: 'signed-in', target: 'none', roles: own },
  { method: 'GET', url: `${v1}/me`, auth: 'signed-in', target: 'none', roles: own },
  {
    method: 'PUT',
    url: `${v1}/me/activity-sharing`,
    auth: 'signed-in',
    target: 'none',
    roles: { admin: 'none', leader: 'none', manager: 'none', rep: 'self' },
  },
  { method: 'GET', url: `${v1}/people`, auth: 'signed-in', target: 'none', roles: peopleReach },
  {
    method: 'GET',
    url: `${v1}/people/:id`,
    auth: 'signed-in',
    target: 'person',
    roles: peopleReach,
  },
  { method: 'POST', url: `${v1}/people`, auth: 'signed-in', target: 'none', roles: adminOnly },
  {
    method: 'PATCH',
    url: `${v1}/people/:id`,
    auth: 'signed-in',
    target: 'person',
    roles: adminOnly,
  },
  {
    method: 'POST',
    url: `${v1}/people/:id/invitation`,
    auth: 'signed-in',
    target: 'person',
    roles: adminOnly,
  },
  {
    method: 'GET',
    url: `${v1}/people/:id/agenda`,
    auth: 'signed-in',
    target: 'person',
    roles: oneOnOne,
    note: 'with the activity gate on, a manager sees activity only at the activity stage or when the rep shares it; each such view is audited',
  },
  {
    method: 'GET',
    url: `${v1}/teams`,
    auth: 'signed-in',
    target: 'none',
    roles: { admin: 'org', leader: 'team', manager: 'team', rep: 'team' },
  },
  {
    method: 'GET',
    url: `${v1}/teams/:id`,
    auth: 'signed-in',
    target: 'team',
    roles: { admin: 'org', leader: 'team', manager: 'team', rep: 'team' },
  },
  { method: 'POST', url: `${v1}/teams`, auth: 'signed-in', target: 'none', roles: adminOnly },
  { method: 'PATCH', url: `${v1}/teams/:id`, auth: 'signed-in', target: 'team', roles: adminOnly },
  {
    method: 'POST',
    url: `${v1}/teams/:id/members`,
    auth: 'signed-in',
    target: 'team',
    roles: adminOnly,
  },
  { method: 'GET', url: `${v1}/stages`, auth: 'signed-in', target: 'none', roles: everyone },
  { method: 'PUT', url: `${v1}/stages`, auth: 'signed-in', target: 'none', roles: adminOnly },
  { method: 'GET', url: `${v1}/settings`, auth: 'signed-in', target: 'none', roles: everyone },
  { method: 'PATCH', url: `${v1}/settings`, auth: 'signed-in', target: 'none', roles: adminOnly },
  {
    method: 'GET',
    url: `${v1}/scorecard`,
    auth: 'signed-in',
    target: 'team',
    roles: { admin: 'org', leader: 'team', manager: 'team', rep: 'team' },
    note: "a rep sees their team's scorecard only once its manager published it for the period",
  },
  {
    method: 'GET',
    url: `${v1}/scorecard/organization`,
    auth: 'signed-in',
    target: 'none',
    roles: { admin: 'org', leader: 'org', manager: 'none', rep: 'none' },
  },
  {
    method: 'GET',
    url: `${v1}/scorecard/export.csv`,
    auth: 'signed-in',
    target: 'team',
    roles: { admin: 'org', leader: 'team', manager: 'team', rep: 'team' },
    note: 'as GET /scorecard: a rep only once it is published; every download is audited',
  },
  {
    method: 'POST',
    url: `${v1}/scorecard/publish`,
    auth: 'signed-in',
    target: 'team',
    roles: { admin: 'none', leader: 'none', manager: 'team', rep: 'none' },
  },
  { method: 'GET', url: `${v1}/goals`, auth: 'signed-in', target: 'none', roles: peopleReach },
  {
    method: 'POST',
    url: `${v1}/goals`,
    auth: 'signed-in',
    target: 'person',
    roles: { admin: 'none', leader: 'none', manager: 'team', rep: 'self' },
  },
  ...[`${v1}/goals/:id/counter`, `${v1}/goals/:id/accept`, `${v1}/goals/:id/reject`].map(
    (url): SignedInRule => ({
      method: 'POST',
      url,
      auth: 'signed-in',
      target: 'goal',
      roles: goalSides,
      note: 'the side that did not make the standing proposal answers it',
    }),
  ),
  { method: 'PATCH', url: `${v1}/goals/:id`, auth: 'signed-in', target: 'goal', roles: goalSides },
  {
    method: 'GET',
    url: `${v1}/goals/:id/events`,
    auth: 'signed-in',
    target: 'goal',
    roles: peopleReach,
  },
  {
    method: 'POST',
    url: `${v1}/meetings`,
    auth: 'signed-in',
    target: 'person',
    roles: managerOnly,
    note: 'a one-off 1:1 with a rep of a team the caller manages now',
  },
  {
    method: 'PUT',
    url: `${v1}/people/:id/meeting-series`,
    auth: 'signed-in',
    target: 'person',
    roles: managerOnly,
  },
  {
    method: 'GET',
    url: `${v1}/people/:id/meeting-series`,
    auth: 'signed-in',
    target: 'person',
    roles: meetingRecords,
  },
  {
    method: 'GET',
    url: `${v1}/meetings/due`,
    auth: 'signed-in',
    target: 'none',
    roles: { admin: 'none', leader: 'team', manager: 'team', rep: 'none' },
  },
  ...[
    `${v1}/meetings/:id/start`,
    `${v1}/meetings/:id/finish`,
    `${v1}/meetings/:id/reschedule`,
    `${v1}/meetings/:id/cancel`,
  ].map(
    (url): SignedInRule => ({
      method: 'POST',
      url,
      auth: 'signed-in',
      target: 'meeting',
      roles: managerOnly,
      note: "the meeting's own manager (else 403); starting under the activity gate is audited",
    }),
  ),
  ...[
    `${v1}/meetings/:id/snapshot`,
    `${v1}/meetings/:id/commitments-to-review`,
    `${v1}/meetings/:id/ics`,
  ].map(
    (url): SignedInRule => ({
      method: 'GET',
      url,
      auth: 'signed-in',
      target: 'meeting',
      roles: oneOnOne,
    }),
  ),
  {
    method: 'PATCH',
    url: `${v1}/commitments/:id`,
    auth: 'signed-in',
    target: 'commitment',
    roles: managerOnly,
    note: 'reviewed (kept / not kept) in a later started 1:1 of the same rep, by its manager',
  },
  {
    method: 'GET',
    url: `${v1}/leaders/compliance`,
    auth: 'signed-in',
    target: 'none',
    roles: { admin: 'org', leader: 'team', manager: 'self', rep: 'none' },
    note: 'counts per manager only; a manager sees their own row',
  },
  ...[
    `${v1}/leaders/heatmap`,
    `${v1}/leaders/activity-streaks`,
    `${v1}/leaders/follow-through`,
  ].map(
    (url): SignedInRule => ({
      method: 'GET',
      url,
      auth: 'signed-in',
      target: 'none',
      roles: leaderFigures,
      note: 'a leader: the teams they lead; a manager: their own 1:1s; reps out of reach today dropped',
    }),
  ),
  ...(['POST', 'GET', 'DELETE'] as const).map(
    (method): SignedInRule => ({
      method,
      url: `${v1}/me/calendar-feed`,
      auth: 'signed-in',
      target: 'none',
      roles: own,
    }),
  ),
  {
    method: 'GET',
    url: `${v1}/meetings`,
    auth: 'signed-in',
    target: 'none',
    roles: meetingRecords,
  },
  {
    method: 'GET',
    url: `${v1}/meetings/:id`,
    auth: 'signed-in',
    target: 'meeting',
    roles: meetingRecords,
  },
  {
    method: 'GET',
    url: `${v1}/meetings/:id/notes`,
    auth: 'signed-in',
    target: 'meeting',
    roles: oneOnOne,
    note: 'private notes: their author only',
  },
  {
    method: 'POST',
    url: `${v1}/meetings/:id/notes`,
    auth: 'signed-in',
    target: 'meeting',
    roles: oneOnOne,
  },
  {
    method: 'POST',
    url: `${v1}/meetings/:id/commitments`,
    auth: 'signed-in',
    target: 'meeting',
    roles: oneOnOne,
  },
  {
    method: 'GET',
    url: `${v1}/commitments`,
    auth: 'signed-in',
    target: 'none',
    roles: meetingRecords,
    note: "a leader sees the managers' own commitments only (follow-through), not the reps'",
  },
  {
    method: 'GET',
    url: `${v1}/commitments/:id`,
    auth: 'signed-in',
    target: 'commitment',
    roles: meetingRecords,
    note: "a leader sees the managers' own commitments only (follow-through), not the reps'",
  },
  { method: 'GET', url: `${v1}/imports`, auth: 'signed-in', target: 'none', roles: adminOnly },
  /** CSV uploads, ingest and the data export: admins, and API tokens an admin made. */
  { method: 'POST', url: `${v1}/imports`, auth: 'signed-in', target: 'none', roles: adminOnly },
  {
    method: 'GET',
    url: `${v1}/imports/:id`,
    auth: 'signed-in',
    target: 'import-run',
    roles: adminOnly,
  },
  {
    method: 'POST',
    url: `${v1}/ingest/:kind`,
    auth: 'signed-in',
    target: 'none',
    roles: adminOnly,
  },
  { method: 'GET', url: `${v1}/export`, auth: 'signed-in', target: 'none', roles: adminOnly },
  { method: 'GET', url: `${v1}/api-tokens`, auth: 'signed-in', target: 'none', roles: adminOnly },
  { method: 'POST', url: `${v1}/api-tokens`, auth: 'signed-in', target: 'none', roles: adminOnly },
  {
    method: 'DELETE',
    url: `${v1}/api-tokens/:id`,
    auth: 'signed-in',
    target: 'api-token',
    roles: adminOnly,
  },
  { method: 'GET', url: `${v1}/audit-events`, auth: 'signed-in', target: 'none', roles: adminOnly },
];

/** The row of a registered route; HEAD is answered by the GET route's row. */
export function ruleFor(method: string, url: string): RouteRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return (
    visibility.find((r) => r.method === m && r.url === url) ??
    visibility.find(
      (r) => r.auth === 'public' && r.prefix && r.method === m && url.startsWith(r.url),
    )
  );
}
