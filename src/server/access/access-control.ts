import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../../auth/caller.js';
import { createSession } from '../../auth/create-session.js';
import { endSession } from '../../auth/end-session.js';
import { resolveApiToken } from '../../auth/resolve-api-token.js';
import { resolveSession } from '../../auth/resolve-session.js';
import { dayInZone } from '../../core/days.js';
import { AppError } from '../../shared/app-error.js';
import { assertSameOrigin, isStateChanging } from './same-origin.js';
import type { Access } from './scope.js';
import { ruleFor } from './visibility.js';

export const sessionCookie = 'rudder_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every signed-in route before its handler runs; null on public routes. */
    access: Access | null;
  }
}

/**
 * Runs before the body is even parsed: finds the route's row in the visibility table, who is
 * asking (session cookie or API token), refuses cross-origin writes on cookie sessions, and
 * refuses a role the row does not admit. A route without a row is refused (deny by default).
 */
export function installAccessControl(app: FastifyInstance): void {
  app.decorateRequest('access', null);
  app.addHook('onRequest', async (request, reply) => {
    const { method, url } = request.routeOptions;
    if (url === undefined) return; // no such route: the not-found handler answers
    const rule = ruleFor(String(method), url);
    if (!rule) {
      request.log.error({ method, url }, 'route without a row in the visibility table');
      throw new AppError('FORBIDDEN', 'This route is not open to anyone.');
    }
    const bearer = bearerToken(request);
    if (bearer === null && isStateChanging(request.method)) assertSameOrigin(request);
    if (rule.auth === 'public') return;
    const caller = await identify(app, request, bearer);
    if (!caller && rule.signedOut === 'no-content') return reply.status(204).send();
    if (!caller) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    const level = rule.roles[caller.role];
    if (level === 'none') throw new AppError('FORBIDDEN', `A ${caller.role} may not do this.`);
    request.access = { caller, level, today: dayInZone(app.deps.clock.now(), caller.timeZone) };
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

async function identify(
  app: FastifyInstance,
  request: FastifyRequest,
  bearer: string | null,
): Promise<Caller | null> {
  const { db, clock, config } = app.deps;
  if (bearer !== null) return resolveApiToken(db, { token: bearer, now: clock.now() });
  const cookie = request.cookies[sessionCookie];
  if (!cookie) return null;
  return resolveSession(db, { cookie, now: clock.now(), idleMinutes: config.SESSION_IDLE_MINUTES });
}

/** The access of a signed-in route; a handler of a public route never calls it. */
export function accessOf(request: FastifyRequest): Access {
  if (!request.access) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return request.access;
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(sessionCookie, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

/**
 * Signs the browser in as `who` (after a sign-in or an organization's setup): always a new
 * token, and the one the browser came with (if any) ends here.
 */
export async function startBrowserSession(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  who: { orgId: string; personId: string },
  now: Date,
): Promise<void> {
  const { db, config } = app.deps;
  const previous = request.cookies[sessionCookie];
  if (previous) await endSession(db, previous);
  const absoluteHours = config.SESSION_ABSOLUTE_HOURS;
  const cookie = await createSession(db, { ...who, now, absoluteHours });
  setSessionCookie(request, reply, cookie, absoluteHours * 3600);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}
