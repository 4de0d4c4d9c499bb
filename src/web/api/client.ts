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

/** Answers worth the same request again, with the same Idempotency-Key: the server may never have seen it, or died after its commit. */
const retryStatuses = new Set([502, 503, 504]);
/** Pauses before the automatic retries of one submission. */
export const retryDelaysMs = [400, 1_200];

/**
 * The Idempotency-Key of a write, one per submission: the same method, path and body as a
 * submission that has not been answered yet (a network error, a 502…, the user pressing the
 * button again after a failure with nothing changed) reuse its key, so the server writes it
 * once however many times it arrives; an answer ends the submission and the next one gets a
 * new key. Kept in sessionStorage (a reload of the tab keeps it), else in memory.
 */
const pendingKeys = new Map<string, string>();
const keyStorage = 'rudder.idempotency.v1.';

function submissionKey(slot: string, fingerprint: string): string {
  const held = readKey(slot);
  if (held?.fingerprint === fingerprint) return held.key;
  const key = crypto.randomUUID();
  writeKey(slot, JSON.stringify({ fingerprint, key }));
  return key;
}

function readKey(slot: string): { fingerprint: string; key: string } | null {
  let raw = pendingKeys.get(slot) ?? null;
  try {
    raw = window.sessionStorage.getItem(keyStorage + slot) ?? raw;
  } catch {
    // Memory only.
  }
  try {
    return raw ? (JSON.parse(raw) as { fingerprint: string; key: string }) : null;
  } catch {
    return null;
  }
}

function writeKey(slot: string, value: string | null): void {
  if (value === null) pendingKeys.delete(slot);
  else pendingKeys.set(slot, value);
  try {
    if (value === null) window.sessionStorage.removeItem(keyStorage + slot);
    else window.sessionStorage.setItem(keyStorage + slot, value);
  } catch {
    // Kept in memory above.
  }
}

/** What makes a submission the same one: its JSON body, or the file it sends. */
function fingerprintOf(options: RequestOptions): string {
  const raw = options.raw?.data;
  if (raw === undefined) return JSON.stringify(options.body ?? null);
  if (typeof raw === 'string') return `${options.raw?.type} ${raw}`;
  const file = raw instanceof File ? `${raw.name} ${raw.lastModified}` : '';
  return `${options.raw?.type} ${raw.size} ${file}`;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  // A write carries its submission's key and is retried with it.
  const slot = method !== 'GET' ? `${method} ${url.pathname}${url.search}` : null;
  if (slot !== null) headers['idempotency-key'] = submissionKey(slot, fingerprintOf(options));
  let response: Response | undefined;
  for (let attempt = 0; response === undefined; attempt += 1) {
    const last = slot === null || attempt >= retryDelaysMs.length;
    try {
      const answer = await fetch(url, { method, headers, body, credentials: 'same-origin' });
      if (!last && (retryStatuses.has(answer.status) || (await stillRunning(answer))))
        await pause(retryDelaysMs[attempt] ?? 0);
      else response = answer;
    } catch (error: unknown) {
      if (last) throw error;
      await pause(retryDelaysMs[attempt] ?? 0);
    }
  }
  // Answered: this submission is over (a failure the user retries unchanged keeps its key).
  if (slot !== null && !retryStatuses.has(response.status) && !(await stillRunning(response)))
    writeKey(slot, null);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : null;
  if (!response.ok) throw new ApiError(response.status, isProblem(json) ? json : null);
  return json as T;
}

/** 409 IDEMPOTENCY_KEY_IN_USE: the first delivery of this submission is still running. */
async function stillRunning(response: Response): Promise<boolean> {
  if (response.status !== 409) return false;
  const problem = safeJson(await response.clone().text());
  return isProblem(problem) && problem.code === 'IDEMPOTENCY_KEY_IN_USE';
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
