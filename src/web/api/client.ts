import type { Problem } from './types.js';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (e.g. a CSV file), with its own content type. */
  raw?: { data: Blob | string; type: string };
  query?: Record<string, string | number | boolean | undefined | null>;
}

/** The one way the web app talks to the API: same origin, session cookie, JSON in and out. */
export async function api<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.type;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : null;
  if (!response.ok) throw new ApiError(response.status, isProblem(json) ? json : null);
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'detail' in value;
}

/** A readable sentence for any error a query or mutation may throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'Not found, or not within your reach.';
    if (error.status === 403) return error.problem?.detail ?? 'You may not do this.';
    return error.problem?.detail ?? error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
