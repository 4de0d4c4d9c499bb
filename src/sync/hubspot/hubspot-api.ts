import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import type { CrmConnection } from '../crm-connection.js';
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

/** A search filter: `value` for GTE, GT, EQ; `values` for IN. */
export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
}

const modifiedFilter = (operator: 'GTE' | 'GT' | 'EQ', ms: number): SearchFilter => ({
  propertyName: 'hs_lastmodifieddate',
  operator,
  value: String(ms),
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

/** Longest wait Rudder accepts between tries; a longer Retry-After ends the run instead. */
const MAX_WAIT_MS = 60_000;
/** The largest page the search API gives (its documented maximum `limit`). */
export const SEARCH_PAGE = 200;
/** The largest page of the list and owners endpoints. */
const LIST_PAGE = 100;

/**
 * HubSpot's CRM API v3 over plain `fetch` (docs/crm-sync.md says why not
 * @hubspot/api-client): lists and searches followed page by page through `paging.next.after`,
 * the search API's 10,000-result ceiling passed by querying again from the last modified
 * date reached; an expired OAuth token renewed once; 429s waited out (SECONDLY) or ended
 * (DAILY: nothing to gain before midnight).
 */
export class HubSpotApi {
  private readonly fetch: Fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxTries: number;
  private readonly searchLimit: number;
  /** Requests made, for the run's record. */
  requests = 0;
  /** Rate-limit waits, for the run's record. */
  waits: number[] = [];

  constructor(
    private connection: CrmConnection,
    private readonly options: HubSpotApiOptions,
  ) {
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
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
   * Objects modified at or after `since` (epoch ms), oldest first, through the search API.
   * Its paging stops at `searchLimit` results per query: the query then starts again from the
   * last modified date reached, and the records of that instant already given are skipped.
   * When one instant alone holds more than a query can page through (a bulk import), that
   * instant is read by id (`hs_lastmodifieddate EQ` it, `hs_object_id GT` the last id, sorted
   * by id), and the search goes on after it (`GT`). None is missed or given twice.
   */
  async *search(
    objectType: string,
    options: {
      since: number | null;
      properties: readonly string[];
      filters?: readonly SearchFilter[];
    },
  ): AsyncGenerator<HubSpotObject> {
    let bound: SearchFilter | null =
      options.since === null ? null : modifiedFilter('GTE', options.since);
    // The ids already given that were modified at the latest instant reached.
    const seen = new Set<string>();
    let latest: number | null = null;
    for (;;) {
      const query = this.query(objectType, {
        filters: [...(bound === null ? [] : [bound]), ...(options.filters ?? [])],
        sort: 'hs_lastmodifieddate',
        properties: options.properties,
      });
      let complete = false;
      for (;;) {
        const step = await query.next();
        if (step.done === true) {
          complete = step.value;
          break;
        }
        const object = step.value;
        const modified = modifiedOf(object);
        if (modified === latest && seen.has(object.id)) continue;
        if (modified !== latest) seen.clear();
        latest = modified;
        seen.add(object.id);
        yield object;
      }
      if (complete) return;
      if (latest !== null && bound?.value !== String(latest)) {
        // Again from the last instant reached; its records already given are skipped.
        bound = modifiedFilter('GTE', latest);
        continue;
      }
      // One instant holds more than a query pages through: read it by id, then go past it.
      const instant = latest ?? 0;
      let lastId = '0';
      for (let more = true; more; ) {
        const byId = this.query(objectType, {
          filters: [
            modifiedFilter('EQ', instant),
            { propertyName: 'hs_object_id', operator: 'GT', value: lastId },
            ...(options.filters ?? []),
          ],
          sort: 'hs_object_id',
          properties: options.properties,
        });
        more = false;
        for (;;) {
          const step = await byId.next();
          if (step.done === true) {
            more = !step.value;
            break;
          }
          lastId = step.value.id;
          if (seen.has(step.value.id)) continue;
          seen.add(step.value.id);
          yield step.value;
        }
      }
      bound = modifiedFilter('GT', instant);
    }
  }

  /** One search query, page after page; answers whether it ended before the result ceiling. */
  private async *query(
    objectType: string,
    options: { filters: readonly SearchFilter[]; sort: string; properties: readonly string[] },
  ): AsyncGenerator<HubSpotObject, boolean> {
    let after = 0;
    for (;;) {
      const body = {
        ...(options.filters.length > 0 ? { filterGroups: [{ filters: options.filters }] } : {}),
        sorts: [{ propertyName: options.sort, direction: 'ASCENDING' }],
        properties: [...options.properties],
        limit: SEARCH_PAGE,
        ...(after > 0 ? { after: String(after) } : {}),
      };
      const page = pageOf(await this.call('POST', `/crm/v3/objects/${objectType}/search`, body));
      for (const item of page.results) yield objectOf(item);
      const next = page.paging?.next?.after;
      if (next === undefined) return true;
      after = Number(next);
      if (after >= this.searchLimit) return false;
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

  /** One request; JSON back, or an AppError that says what happened. */
  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let renewed = false;
    for (let tries = 1; ; tries += 1) {
      const response = await this.send(method, path, body).catch(async (error: unknown) => {
        // A dropped connection: reads (searches and batch reads included) are safe to repeat.
        if (tries >= this.maxTries) throw error;
        const wait = waitOf(null, tries);
        this.waits.push(wait);
        await this.sleep(wait);
        return null;
      });
      if (response === null) continue;
      if (response.ok) return response.json();
      const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => null));
      const error = parsed.success ? parsed.data : {};
      if (response.status === 401 && !renewed) {
        // An expired OAuth token (EXPIRED_AUTHENTICATION) or a revoked one: renewing once
        // tells them apart (a revoked grant fails at the token endpoint). A private app's
        // token cannot be renewed: that stops the sync at once.
        renewed = true;
        await this.renewToken();
        tries -= 1;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw new AppError(
          'CRM_AUTH_FAILED',
          `HubSpot refused Rudder's token (${error.category ?? `HTTP ${response.status}`}` +
            `${error.message ? `: ${error.message}` : ''}). The sync is stopped: an admin must ` +
            'connect HubSpot again (with the scopes listed in docs/crm-sync.md).',
        );
      }
      if (response.status === 429 || response.status === 502 || response.status === 503) {
        const daily = error.policyName === 'DAILY';
        const wait = waitOf(response.headers.get('retry-after'), tries);
        if (!daily && tries < this.maxTries && wait <= MAX_WAIT_MS) {
          this.waits.push(wait);
          await this.sleep(wait);
          continue;
        }
        throw new AppError(
          'RATE_LIMITED',
          `HubSpot's ${daily ? 'daily' : 'API'} limit is reached (${error.policyName ?? `HTTP ${response.status}`}` +
            `${error.message ? `: ${error.message}` : ''}); the sync resumes from its cursor at its next run.`,
        );
      }
      throw new AppError(
        'CRM_UNAVAILABLE',
        `HubSpot answered HTTP ${response.status} to ${method} ${path.replace(/\?.*/, '')}` +
          `${error.category ? ` (${error.category}: ${error.message ?? ''})` : ''}.`,
      );
    }
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
    this.connection = {
      ...this.connection,
      secrets: {
        ...this.connection.secrets,
        accessToken: tokens.accessToken,
        ...(tokens.refreshToken === null ? {} : { refreshToken: tokens.refreshToken }),
      },
    };
    await this.options.onTokens(this.connection);
  }
}

function pageOf(answer: unknown) {
  const page = PageSchema.safeParse(answer);
  if (!page.success) throw unknownShape('a page');
  return page.data;
}

function objectOf(item: unknown): HubSpotObject {
  const object = ObjectSchema.safeParse(item);
  if (!object.success) throw unknownShape('an object');
  return object.data as HubSpotObject;
}

const unknownShape = (what: string) =>
  new AppError('CRM_UNAVAILABLE', `HubSpot answered ${what} with an unknown shape.`);

/** `hs_lastmodifieddate` as epoch ms (the search API answers it as ISO 8601). */
export function modifiedOf(object: HubSpotObject): number {
  const text = object.properties.hs_lastmodifieddate ?? object.updatedAt ?? '';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? 0 : ms;
}

/** Retry-After in seconds (RFC 9110), else 1 s, 2 s, 4 s, … */
function waitOf(retryAfter: string | null, tries: number): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return 1000 * 2 ** (tries - 1);
}
