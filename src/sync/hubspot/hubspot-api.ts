import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { type CrmConnection, withTokens } from '../crm-connection.js';
import { type FailedAnswer, realSleep, requestWithRetry } from '../request-with-retry.js';
import type { Fetch } from '../salesforce/salesforce-auth.js';
import { refreshHubSpotToken } from './hubspot-auth.js';

/** A CRM object as the v3 API answers it: string properties, ids as strings. */
export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, HistoryValue[]>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  archivedAt?: string;
}

/** One value a property had, from `propertiesWithHistory` (newest first). */
export interface HistoryValue {
  value: string;
  timestamp: string;
  sourceType?: string;
}

const ObjectSchema = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  propertiesWithHistory: z
    .record(z.string(), z.array(z.looseObject({ value: z.string(), timestamp: z.string() })))
    .optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  archived: z.boolean().optional(),
  archivedAt: z.string().optional(),
});

/** A page of a list or a search: `paging.next.after` until there is none. */
const PageSchema = z.object({
  total: z.number().optional(),
  results: z.array(z.unknown()),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** HubSpot's error body: `{ status: 'error', message, category?, errorType?, policyName? }`. */
const ErrorBodySchema = z.looseObject({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
});

export interface HubSpotApiOptions {
  fetch?: Fetch;
  /** Waits between retries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Called with the connection after a new access token, so it is stored (sealed). */
  onTokens: (connection: CrmConnection) => Promise<void>;
  /** Tries of one request that meets a rate limit before the run gives up (default 5). */
  maxTries?: number;
  /** Results the search API pages through per query (HubSpot: 10,000). */
  searchLimit?: number;
}

/** The largest page of the list and owners endpoints. */
const LIST_PAGE = 100;

/**
 * HubSpot's CRM API v3 over plain `fetch` (docs/crm-sync.md says why not
 * @hubspot/api-client): lists followed page by page through `paging.next.after` (searches:
 * hubspot-search.ts); an expired OAuth token renewed once; 429s waited out (SECONDLY) or
 * ended (DAILY: nothing to gain before midnight).
 */
export class HubSpotApi {
  private readonly fetch: Fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxTries: number;
  /** Results the search API pages through per query. */
  readonly searchLimit: number;
  /** Requests made, for the run's record. */
  requests = 0;
  /** Rate-limit waits, for the run's record. */
  waits: number[] = [];

  constructor(
    private connection: CrmConnection,
    private readonly options: HubSpotApiOptions,
  ) {
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? realSleep;
    this.maxTries = options.maxTries ?? 5;
    this.searchLimit = options.searchLimit ?? 10_000;
  }

  /** Every item of a GET list (owners, archived objects), page after page. */
  async *list(path: string, query: Record<string, string> = {}): AsyncGenerator<unknown> {
    let after: string | undefined;
    do {
      const params = new URLSearchParams({
        limit: String(LIST_PAGE),
        ...query,
        ...(after ? { after } : {}),
      });
      const page = pageOf(await this.call('GET', `${path}?${params}`));
      yield* page.results;
      after = page.paging?.next?.after;
    } while (after !== undefined);
  }

  /** Objects of a type listed with `archived=true`: the deleted ones, with `archivedAt`. */
  async *archived(
    objectType: string,
    properties: readonly string[],
  ): AsyncGenerator<HubSpotObject> {
    const query = { archived: 'true', properties: properties.join(',') };
    for await (const item of this.list(`/crm/v3/objects/${objectType}`, query)) {
      yield objectOf(item);
    }
  }

  /**
   * Objects by id with the history of some properties (`POST /crm/v3/objects/{type}/batch/read`,
   * at most 50 ids per request when history is asked for).
   */
  async *readWithHistory(
    objectType: string,
    ids: readonly string[],
    properties: readonly string[],
    withHistory: readonly string[],
  ): AsyncGenerator<HubSpotObject> {
    for (let start = 0; start < ids.length; start += 50) {
      const chunk = ids.slice(start, start + 50);
      const answer = pageOf(
        await this.call('POST', `/crm/v3/objects/${objectType}/batch/read`, {
          inputs: chunk.map((id) => ({ id })),
          properties: [...properties],
          propertiesWithHistory: [...withHistory],
        }),
      );
      for (const item of answer.results) yield objectOf(item);
    }
  }

  /**
   * The ids each object is associated with, of another type (`POST
   * /crm/v4/associations/{from}/{to}/batch/read`, 1,000 ids per request).
   */
  async associations(
    fromType: string,
    toType: string,
    ids: readonly string[],
  ): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const answer = pageOf(
        await this.call('POST', `/crm/v4/associations/${fromType}/${toType}/batch/read`, {
          inputs: chunk.map((id) => ({ id })),
        }),
      );
      const rows = z
        .array(
          z.looseObject({
            from: z.object({ id: z.string() }),
            to: z.array(z.looseObject({ toObjectId: z.union([z.number(), z.string()]) })),
          }),
        )
        .safeParse(answer.results);
      if (!rows.success) throw unknownShape('an associations answer');
      for (const row of rows.data) {
        found.set(
          row.from.id,
          row.to.map((to) => String(to.toObjectId)),
        );
      }
    }
    return found;
  }

  /** GET a path (pipelines); JSON back. */
  get(path: string): Promise<unknown> {
    return this.call('GET', path);
  }

  /** POST a read (a search page); JSON back. */
  post(path: string, body: unknown): Promise<unknown> {
    return this.call('POST', path, body);
  }

  /** One request; JSON back, or an AppError that says what happened. */
  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await requestWithRetry({
      // A dropped connection: reads (searches and batch reads included) are safe to repeat.
      send: () => this.send(method, path, body),
      judge: (failed) => judgeAnswer(failed, `${method} ${path.replace(/\?.*/, '')}`),
      renew: () => this.renewToken(),
      sleep: this.sleep,
      maxTries: this.maxTries,
      waits: this.waits,
    });
    return response.json();
  }

  private async send(method: 'GET' | 'POST', path: string, body: unknown): Promise<Response> {
    if (this.connection.secrets.accessToken === undefined) await this.renewToken();
    this.requests += 1;
    const url = new URL(path, `${this.connection.instanceUrl}/`).toString();
    try {
      return await this.fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.connection.secrets.accessToken ?? ''}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error: unknown) {
      throw new AppError(
        'CRM_UNAVAILABLE',
        `HubSpot (${this.connection.instanceUrl}) did not answer.`,
        {
          cause: error,
        },
      );
    }
  }

  private async renewToken(): Promise<void> {
    const tokens = await refreshHubSpotToken(this.connection, { fetch: this.fetch });
    this.connection = withTokens(this.connection, tokens);
    await this.options.onTokens(this.connection);
  }
}

export function pageOf(answer: unknown) {
  const page = PageSchema.safeParse(answer);
  if (!page.success) throw unknownShape('a page');
  return page.data;
}

export function objectOf(item: unknown): HubSpotObject {
  const object = ObjectSchema.safeParse(item);
  if (!object.success) throw unknownShape('an object');
  return object.data as HubSpotObject;
}

const unknownShape = (what: string) =>
  new AppError('CRM_UNAVAILABLE', `HubSpot answered ${what} with an unknown shape.`);

/**
 * What a failed answer means. A 401 is an expired OAuth token (EXPIRED_AUTHENTICATION) or a
 * revoked one: renewing once tells them apart (a revoked grant fails at the token endpoint);
 * a private app's token cannot be renewed, which stops the sync at once. A 429 of the DAILY
 * policy stops the run: there is nothing to gain by waiting before midnight.
 */
async function judgeAnswer(response: Response, request: string): Promise<FailedAnswer> {
  const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => null));
  const error = parsed.success ? parsed.data : {};
  if (response.status === 401 || response.status === 403) {
    const refused = new AppError(
      'CRM_AUTH_FAILED',
      `HubSpot refused Rudder's token (${error.category ?? `HTTP ${response.status}`}` +
        `${error.message ? `: ${error.message}` : ''}). The sync is stopped: an admin must ` +
        'connect HubSpot again (with the scopes listed in docs/crm-sync.md).',
    );
    return { next: response.status === 401 ? 'renew' : 'stop', error: refused };
  }
  if (response.status === 429 || response.status === 502 || response.status === 503) {
    const daily = error.policyName === 'DAILY';
    const limited = new AppError(
      'RATE_LIMITED',
      `HubSpot's ${daily ? 'daily' : 'API'} limit is reached (${error.policyName ?? `HTTP ${response.status}`}` +
        `${error.message ? `: ${error.message}` : ''}); the sync resumes from its cursor at its next run.`,
    );
    return { next: daily ? 'stop' : 'wait', error: limited };
  }
  return {
    next: 'stop',
    error: new AppError(
      'CRM_UNAVAILABLE',
      `HubSpot answered HTTP ${response.status} to ${request}` +
        `${error.category ? ` (${error.category}: ${error.message ?? ''})` : ''}.`,
    ),
  };
}
