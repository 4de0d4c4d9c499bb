import type { Role } from '../../src/db/schema/people.js';
import { standardStages } from '../../src/db/test-fixtures.js';
import type { Level, SignedInRule } from '../../src/server/access/visibility.js';
import type { OrgWorld, World } from './world.js';

export type Relation = 'self' | 'ownTeam' | 'otherTeam' | 'otherOrg';
export const relations: readonly Relation[] = ['self', 'ownTeam', 'otherTeam', 'otherOrg'];
export const callerKey = { admin: 'admin', leader: 'leader', manager: 'm1', rep: 'r1a' } as const;

/** Whether a level reaches a relation: self ⊂ team ⊂ org; another organization never. */
export function covers(level: Level, relation: Relation): boolean {
  const rank = { none: 0, self: 1, team: 2, org: 3 }[level];
  const needed = { self: 1, ownTeam: 2, otherTeam: 3, otherOrg: 4 }[relation];
  return rank >= needed;
}

/** The ids that belong to each relation of a caller: none may appear where the level does not reach. */
export function idsOf(world: World, role: Role): Record<Exclude<Relation, 'self'>, string[]> {
  const { a, b } = world;
  const ownTeam =
    role === 'rep'
      ? [a.people.r1b, a.people.both]
      : role === 'leader'
        ? [a.people.r1a, a.people.r1b, a.people.both, a.people.m1]
        : [a.people.r1a, a.people.r1b, a.people.both];
  const otherTeam = [a.teams.t2, a.people.r2a, a.people.r2b, a.people.mover, a.people.m2];
  const otherOrg = [
    b.orgId,
    ...Object.values(b.people),
    ...Object.values(b.teams),
    ...Object.values(b.meetings),
  ];
  return { ownTeam, otherTeam, otherOrg };
}

/** The object a route's target designates for a caller and a relation; undefined: no such case. */
export function targetOf(
  world: World,
  rule: SignedInRule,
  role: Role,
  relation: Relation,
): string | undefined {
  const org: OrgWorld = relation === 'otherOrg' ? world.b : world.a;
  const caller = world.a.people[callerKey[role]];
  switch (rule.target) {
    case 'person':
      // A manager is nobody's rep: no 1:1 of their own to schedule, no deal of their own.
      if (relation === 'self' && (schedulesOneOnOne(rule) || (opensDeal(rule) && role !== 'rep')))
        return undefined;
      return {
        self: caller,
        ownTeam: role === 'rep' ? org.people.r1b : org.people.r1a,
        otherTeam: org.people.r2a,
        otherOrg: org.people.r1a,
      }[relation];
    case 'team':
      return relation === 'self'
        ? undefined
        : relation === 'otherTeam'
          ? org.teams.t2
          : org.teams.t1;
    case 'meeting': {
      const flow = workflowMeeting(rule, org);
      if (flow && relation === 'ownTeam') return flow;
      // The rep writes pre-work for a 1:1 still to be held: their started one.
      if (relation === 'self' && rule.method === 'PUT' && rule.url.endsWith('/pre-work'))
        return role === 'rep' ? org.workflow.reviewIn : undefined;
      if (relation === 'self') return role === 'rep' ? org.meetings.r1a : undefined;
      if (relation === 'ownTeam') return role === 'rep' ? org.meetings.r1b : org.meetings.r1a;
      return relation === 'otherTeam' ? org.meetings.r2a : org.meetings.r1a;
    }
    case 'goal': {
      // Each answer gets the proposal made by the other side: the rep's for the manager.
      const action = /\/(counter|accept|reject)$/.exec(rule.url)?.[1] as
        | keyof OrgWorld['workflow']['proposals']
        | undefined;
      const proposal = action ? org.workflow.proposals[action] : undefined;
      const { goals } = org.workflow;
      if (relation === 'self')
        return role === 'rep' ? (proposal?.byManager ?? goals.r1a) : undefined;
      if (relation === 'ownTeam')
        return role === 'rep' ? goals.r1b : (proposal?.byRep ?? goals.r1a);
      return relation === 'otherTeam' ? goals.r2a : goals.r1a;
    }
    case 'commitment': {
      // Leaders follow managers' commitments only: ask for those, so a 404 means "out of reach".
      const kind = role === 'leader' ? 'manager' : 'rep';
      // Its own commitment, which no review in this matrix touches.
      if (relation === 'self' && rule.url.endsWith('/done'))
        return role === 'rep' ? org.toMarkDone : undefined;
      if (relation === 'self') return role === 'rep' ? org.commitments.r1a.rep : undefined;
      if (relation === 'ownTeam')
        return role === 'rep' ? org.commitments.r1b.rep : org.commitments.r1a[kind];
      return relation === 'otherTeam' ? org.commitments.r2a.manager : org.commitments.r1a.manager;
    }
    case 'api-token':
      return relation === 'ownTeam'
        ? world.a.apiTokenId
        : relation === 'otherOrg'
          ? world.b.apiTokenId
          : undefined;
    case 'import-run':
      return relation === 'ownTeam'
        ? world.a.importRunId
        : relation === 'otherOrg'
          ? world.b.importRunId
          : undefined;
    case 'none':
      return undefined;
  }
}

const opensDeal = (rule: SignedInRule) => rule.url.endsWith('/deals/:dealId');

const schedulesOneOnOne = (rule: SignedInRule) =>
  (rule.method === 'POST' && rule.url === '/api/v1/meetings') ||
  (rule.method === 'PUT' && rule.url.endsWith('/meeting-series'));

/** The 1:1 in the state a workflow route needs (a fresh one per route), or undefined. */
function workflowMeeting(rule: SignedInRule, org: OrgWorld): string | undefined {
  const action = /\/(start|finish|reschedule|cancel)$/.exec(rule.url)?.[1];
  const { meetings } = org.workflow;
  if (action === 'start') return meetings.toStart;
  if (action === 'finish') return meetings.toFinish;
  if (action === 'reschedule') return meetings.toMove;
  if (action === 'cancel') return meetings.toCancel;
  return undefined;
}

export interface SampleRequest {
  url: string;
  payload?: object | string;
  headers?: Record<string, string>;
}

let counter = 0;

/** A valid request for each signed-in route, aimed at `id` (the target, when the route has one). */
export function sampleRequest(
  world: World,
  rule: SignedInRule,
  id: string | undefined,
): SampleRequest {
  counter += 1;
  const url = rule.url.replace(':id', id ?? '');
  const key = `${rule.method} ${rule.url}`;
  switch (key) {
    case 'GET /api/v1/people/:id/deals/:dealId':
      // The deal the person owns, in whichever organization they are.
      return {
        url: url.replace(':dealId', world.a.deals[id ?? ''] ?? world.b.deals[id ?? ''] ?? ''),
      };
    case 'PUT /api/v1/me/activity-sharing':
      return { url, payload: { shared: false } };
    case 'POST /api/v1/people':
      return { url, payload: { name: `New ${counter}`, role: 'rep' } };
    case 'PATCH /api/v1/people/:id':
      return { url, payload: { title: `Title ${counter}` } };
    case 'POST /api/v1/teams':
      return { url, payload: { name: `Team new ${counter}` } };
    case 'PATCH /api/v1/teams/:id':
      return { url, payload: {} };
    case 'POST /api/v1/teams/:id/members':
      return {
        url,
        payload: { personId: world.a.people.admin, validFrom: `${2030 + counter}-01-01` },
      };
    case 'PUT /api/v1/stages':
      return {
        url,
        payload: {
          stages: standardStages.map((s) => ({
            id: world.a.stages[s.name],
            name: s.name,
            kind: s.kind,
            probability: s.probability,
          })),
        },
      };
    case 'PATCH /api/v1/settings':
      return { url, payload: { coverageTarget: 3 } };
    case 'GET /api/v1/scorecard':
    case 'GET /api/v1/scorecard/export.csv':
      return { url: `${url}?team=${id}&period=2026-03` };
    case 'POST /api/v1/imports':
      return {
        url: `${url}?kind=people&dryRun=true`,
        payload: 'name,email\nNew,new@example.com\n',
        headers: { 'content-type': 'text/csv' },
      };
    case 'POST /api/v1/imports/columns':
      return {
        url: `${url}?kind=people`,
        payload: 'Agent,Email,Manager\n',
        headers: { 'content-type': 'text/csv' },
      };
    case 'POST /api/v1/ingest/:kind':
      return {
        url: `${rule.url.replace(':kind', 'people')}?dryRun=true`,
        payload: [{ name: 'New', email: 'new@example.com' }],
      };
    case 'POST /api/v1/scorecard/publish':
      return { url, payload: { team: id, period: '2026-03' } };
    case 'POST /api/v1/goals':
      return {
        url,
        payload: {
          personId: id,
          metric: 'activity',
          activityKind: `k${counter}`,
          periodKind: 'month',
          periodStart: '2026-04-01',
          target: 10,
        },
      };
    case 'POST /api/v1/meetings/:id/notes':
      return { url, payload: { section: 'general', visibility: 'private', body: 'note' } };
    case 'PUT /api/v1/meetings/:id/pre-work':
      return {
        url,
        payload: { answers: [{ question: 'What moved?', answer: `two deals ${counter}` }] },
      };
    case 'POST /api/v1/commitments/:id/done':
      return { url, payload: { done: true } };
    case 'POST /api/v1/meetings/:id/commitments':
      return { url, payload: { owner: 'rep', text: 'call back', dueOn: '2026-04-01' } };
    case 'POST /api/v1/meetings':
      return { url, payload: { repId: id, scheduledAt: '2026-04-02T09:00:00Z' } };
    case 'PUT /api/v1/people/:id/meeting-series':
      return { url, payload: { weekday: 2, timeOfDay: '10:00' } };
    case 'POST /api/v1/meetings/:id/reschedule':
      return { url, payload: { scheduledAt: '2026-03-27T09:00:00Z' } };
    case 'PATCH /api/v1/commitments/:id':
      return { url, payload: { status: 'kept', reviewedInMeetingId: world.a.workflow.reviewIn } };
    case 'POST /api/v1/goals/:id/counter':
      return { url, payload: { target: 1_000 + counter } };
    case 'PATCH /api/v1/goals/:id':
      return { url, payload: { target: 2_000 + counter } };
    case 'GET /api/v1/crm/:crm':
      return { url: rule.url.replace(':crm', 'salesforce') };
    case 'PATCH /api/v1/crm/:crm':
      return { url: rule.url.replace(':crm', 'salesforce'), payload: { scheduleMinutes: 30 } };
    case 'POST /api/v1/crm/:crm/sync':
      return { url: rule.url.replace(':crm', 'salesforce'), payload: {} };
    case 'POST /api/v1/crm/salesforce/oauth/start':
      return { url, payload: { sandbox: false } };
    // No state of this session: the callback refuses it and redirects to the CRM screen.
    case 'GET /api/v1/crm/salesforce/oauth/callback':
      return { url: `${url}?code=aPrx&state=not-issued` };
    case 'POST /api/v1/api-tokens':
      return { url, payload: { name: `token ${counter}` } };
    default:
      return { url, ...(rule.method === 'GET' || rule.method === 'DELETE' ? {} : { payload: {} }) };
  }
}

/** Every UUID-looking string anywhere in a JSON document. */
export function uuidsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g))
      found.add(m[0]);
  } else if (Array.isArray(value)) {
    for (const v of value) uuidsIn(v, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) uuidsIn(v, found);
  }
  return found;
}
