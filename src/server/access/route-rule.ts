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
  /**
   * Set on the session probe alone (GET /me): nobody signed in is an answer there, 204 No
   * Content, not a 401 (which a browser logs as a failed resource on every signed-out load).
   */
  signedOut?: 'no-content';
}

export type RouteRule = PublicRule | SignedInRule;

export const v1 = '/api/v1';

/** A public route (no session). */
export function open(method: Method, url: string, options: { prefix?: true } = {}): PublicRule {
  return { method, url, auth: 'public', ...options };
}

/** A signed-in route under /api/v1: what its `:id` designates and how far each role reaches. */
export function api(
  method: Method,
  path: string,
  target: Target,
  roles: Readonly<Record<Role, Level>>,
  note?: string,
  options: { signedOut?: 'no-content' } = {},
): SignedInRule {
  return {
    method,
    url: `${v1}${path}`,
    auth: 'signed-in',
    target,
    roles,
    ...(note ? { note } : {}),
    ...options,
  };
}
