import { api, open, type RouteRule, v1 } from './route-rule.js';

export type { Level, Method, PublicRule, RouteRule, SignedInRule, Target } from './route-rule.js';

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
  open('GET', '/healthz'),
  open('GET', '/readyz'),
  open('GET', '/api/openapi.json'),
  open('GET', '/api/docs', { prefix: true }),
  /** The web application's files and its index.html for deep links; its data come from /api. */
  open('GET', '/*'),
  open('POST', `${v1}/auth/sign-in`),
  open('POST', `${v1}/auth/password-reset`),
  open('POST', `${v1}/auth/password`),
  /** The set-password page's question: which organization is this link for? */
  open('GET', `${v1}/auth/password-link`),
  /**
   * First run: open only while no organization exists, or with a one-time setup token from
   * the CLI (src/organization/set-up-organization.ts decides; it is no way into an org).
   */
  open('GET', `${v1}/setup`),
  open('POST', `${v1}/setup`),
  /** The calendar subscription: no session; the secret token in the URL is the credential. */
  open('GET', '/calendar/:token.ics'),
  api('POST', '/auth/sign-out', 'none', own),
  /** The web's session probe: signed out answers 204, every other route 401. */
  api('GET', '/me', 'none', own, undefined, { signedOut: 'no-content' }),
  api('PUT', '/me/activity-sharing', 'none', {
    admin: 'none',
    leader: 'none',
    manager: 'none',
    rep: 'self',
  }),
  api('GET', '/people', 'none', peopleReach),
  api('GET', '/people/:id', 'person', peopleReach),
  api('POST', '/people', 'none', adminOnly),
  api('PATCH', '/people/:id', 'person', adminOnly),
  api('POST', '/people/:id/invitation', 'person', adminOnly),
  api(
    'GET',
    '/people/:id/agenda',
    'person',
    oneOnOne,
    'with the activity gate on, a manager sees activity only at the activity stage or when the rep shares it; each such view is audited',
  ),
  api(
    'GET',
    '/people/:id/deals/:dealId',
    'person',
    oneOnOne,
    "a deal the rep owns now (else 404); its last activity only where the agenda's activity gate shows activity",
  ),
  api(
    'GET',
    '/prep-queue',
    'none',
    managerOnly,
    'the reps of the teams the caller manages now; the stage and its reason, never activity',
  ),
  api('GET', '/teams', 'none', { admin: 'org', leader: 'team', manager: 'team', rep: 'team' }),
  api('GET', '/teams/:id', 'team', { admin: 'org', leader: 'team', manager: 'team', rep: 'team' }),
  api('POST', '/teams', 'none', adminOnly),
  api('PATCH', '/teams/:id', 'team', adminOnly),
  api('POST', '/teams/:id/members', 'team', adminOnly),
  api('GET', '/stages', 'none', everyone),
  api('PUT', '/stages', 'none', adminOnly),
  api('GET', '/settings', 'none', everyone),
  api('PATCH', '/settings', 'none', adminOnly),
  api(
    'GET',
    '/scorecard',
    'team',
    { admin: 'org', leader: 'team', manager: 'team', rep: 'team' },
    "a rep sees their team's scorecard only once its manager published it for the period",
  ),
  api('GET', '/scorecard/organization', 'none', {
    admin: 'org',
    leader: 'org',
    manager: 'none',
    rep: 'none',
  }),
  api(
    'GET',
    '/scorecard/export.csv',
    'team',
    { admin: 'org', leader: 'team', manager: 'team', rep: 'team' },
    'as GET /scorecard: a rep only once it is published; every download is audited',
  ),
  api('POST', '/scorecard/publish', 'team', {
    admin: 'none',
    leader: 'none',
    manager: 'team',
    rep: 'none',
  }),
  api('GET', '/goals', 'none', peopleReach),
  api('POST', '/goals', 'person', { admin: 'none', leader: 'none', manager: 'team', rep: 'self' }),
  api(
    'POST',
    '/goals/:id/counter',
    'goal',
    goalSides,
    'the side that did not make the standing proposal answers it',
  ),
  api(
    'POST',
    '/goals/:id/accept',
    'goal',
    goalSides,
    'the side that did not make the standing proposal (or the pending change) answers it',
  ),
  api(
    'POST',
    '/goals/:id/reject',
    'goal',
    goalSides,
    'the side that did not make the standing proposal (or the pending change) answers it',
  ),
  api(
    'PATCH',
    '/goals/:id',
    'goal',
    goalSides,
    'either side; on an agreed goal, a change the other side must accept before it is in force',
  ),
  api('GET', '/goals/:id/events', 'goal', peopleReach),
  api(
    'POST',
    '/meetings',
    'person',
    managerOnly,
    'a one-off 1:1 with a rep of a team the caller manages now',
  ),
  api('PUT', '/people/:id/meeting-series', 'person', managerOnly),
  api('GET', '/people/:id/meeting-series', 'person', meetingRecords),
  api('GET', '/meetings/due', 'none', {
    admin: 'none',
    leader: 'team',
    manager: 'team',
    rep: 'none',
  }),
  api(
    'POST',
    '/meetings/:id/start',
    'meeting',
    managerOnly,
    "the meeting's own manager (else 403); starting under the activity gate is audited",
  ),
  api(
    'POST',
    '/meetings/:id/finish',
    'meeting',
    managerOnly,
    "the meeting's own manager (else 403); starting under the activity gate is audited",
  ),
  api(
    'POST',
    '/meetings/:id/reschedule',
    'meeting',
    managerOnly,
    "the meeting's own manager (else 403); starting under the activity gate is audited",
  ),
  api(
    'POST',
    '/meetings/:id/cancel',
    'meeting',
    managerOnly,
    "the meeting's own manager (else 403); starting under the activity gate is audited",
  ),
  api('GET', '/meetings/:id/snapshot', 'meeting', oneOnOne),
  api('GET', '/meetings/:id/commitments-to-review', 'meeting', oneOnOne),
  api('GET', '/meetings/:id/ics', 'meeting', oneOnOne),
  api(
    'GET',
    '/meetings/:id/pre-work',
    'meeting',
    meetingRecords,
    "the rep's answers before the 1:1: the rep, their manager now and the leaders above; never another rep",
  ),
  api(
    'PUT',
    '/meetings/:id/pre-work',
    'meeting',
    { admin: 'none', leader: 'none', manager: 'none', rep: 'self' },
    'the rep of a 1:1 still to be held',
  ),
  api(
    'POST',
    '/commitments/:id/done',
    'commitment',
    { admin: 'none', leader: 'none', manager: 'none', rep: 'self' },
    'its owner only: a rep marks their own commitments, not the manager’s to them',
  ),
  api(
    'PATCH',
    '/commitments/:id',
    'commitment',
    managerOnly,
    'reviewed (kept / not kept) in a later started 1:1 of the same rep, by its manager',
  ),
  api(
    'GET',
    '/leaders/compliance',
    'none',
    { admin: 'org', leader: 'team', manager: 'self', rep: 'none' },
    'counts per manager only; a manager sees their own row',
  ),
  api(
    'GET',
    '/leaders/heatmap',
    'none',
    leaderFigures,
    'a leader: the teams they lead; a manager: their own 1:1s; reps out of reach today dropped',
  ),
  api(
    'GET',
    '/leaders/activity-streaks',
    'none',
    leaderFigures,
    'a leader: the teams they lead; a manager: their own 1:1s; reps out of reach today dropped',
  ),
  api(
    'GET',
    '/leaders/follow-through',
    'none',
    leaderFigures,
    'a leader: the teams they lead; a manager: their own 1:1s; reps out of reach today dropped',
  ),
  api('POST', '/me/calendar-feed', 'none', own),
  api('GET', '/me/calendar-feed', 'none', own),
  api('DELETE', '/me/calendar-feed', 'none', own),
  api('GET', '/meetings', 'none', meetingRecords),
  api('GET', '/meetings/:id', 'meeting', meetingRecords),
  api('GET', '/meetings/:id/notes', 'meeting', oneOnOne, 'private notes: their author only'),
  api('POST', '/meetings/:id/notes', 'meeting', oneOnOne),
  api('POST', '/meetings/:id/commitments', 'meeting', oneOnOne),
  api(
    'GET',
    '/commitments',
    'none',
    meetingRecords,
    "a leader sees the managers' own commitments only (follow-through), not the reps'",
  ),
  api(
    'GET',
    '/commitments/:id',
    'commitment',
    meetingRecords,
    "a leader sees the managers' own commitments only (follow-through), not the reps'",
  ),
  api('GET', '/imports', 'none', adminOnly),
  /** CSV uploads, ingest and the data export: admins, and API tokens an admin made. */
  api('POST', '/imports', 'none', adminOnly),
  api('GET', '/imports/:id', 'import-run', adminOnly),
  api('POST', '/imports/columns', 'none', adminOnly),
  api('GET', '/setup-checklist', 'none', adminOnly),
  api('POST', '/ingest/:kind', 'none', adminOnly),
  api('GET', '/export', 'none', adminOnly),
  api('GET', '/api-tokens', 'none', adminOnly),
  api('POST', '/api-tokens', 'none', adminOnly),
  api('DELETE', '/api-tokens/:id', 'api-token', adminOnly),
  api('GET', '/audit-events', 'none', adminOnly),
  /** CRM connections (never their secrets) and "Sync now". */
  api('GET', '/crm', 'none', adminOnly),
  api('GET', '/crm/:crm', 'none', adminOnly),
  /** Connect Salesforce from the browser (OAuth web-server flow); the callback is a GET. */
  api('POST', '/crm/salesforce/oauth/start', 'none', adminOnly),
  api('GET', '/crm/salesforce/oauth/callback', 'none', adminOnly),
  api('PATCH', '/crm/:crm', 'none', adminOnly),
  api('POST', '/crm/:crm/sync', 'none', adminOnly),
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
