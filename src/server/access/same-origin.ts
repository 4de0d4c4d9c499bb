import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/app-error.js';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isStateChanging(method: string): boolean {
  return stateChanging.has(method);
}

/**
 * Cross-site request forgery defence for cookie sessions: a state-changing request must come
 * from a page of this very origin. Browsers send Sec-Fetch-Site (modern ones) and Origin on
 * such requests; a client that sends neither is not a browser, and has no ambient cookie to
 * abuse. Requests with an API token are exempt (the token is not ambient).
 */
export function assertSameOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw refused();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw refused();
  }
  if (host !== request.host) throw refused();
}

const refused = () =>
  new AppError('FORBIDDEN', 'A state-changing request from another origin is refused.');
