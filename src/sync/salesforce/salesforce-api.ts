import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { type CrmConnection, withTokens } from '../crm-connection.js';
import { type FailedAnswer, realSleep, requestWithRetry } from '../request-with-retry.js';
import { type Fetch, requestAccessToken } from './salesforce-auth.js';

/** The REST API version Rudder speaks (Winter '25); every object and field it reads exists in it. */
export const API_VERSION = 'v62.0';

/** One record of a query answer: `attributes` names its type; the rest are its fields. */
export type SalesforceRecord = { attributes?: { type: string; url?: string } } & Record<
  string,
  unknown
>;

/** A query answer page (REST API: "Query"): `nextRecordsUrl` until `done`. */
const QueryPageSchema = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

/** The REST API's error body: a list of `{ message, errorCode }`. */
const ErrorBodySchema = z.array(z.object({ message: z.string(), errorCode: z.string() }));

export interface SalesforceApiOptions {
  fetch?: Fetch;
  /** Waits between retries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  now: () => Date;
  /** Called with the connection after a new access token, so it is stored (sealed). */
  onTokens: (connection: CrmConnection) => Promise<void>;
  /** Tries of one request that meets a rate limit before the run gives up (default 5). */
  maxTries?: number;
}

/**
 * Salesforce's REST API over plain `fetch` (docs/crm-sync.md says why not jsforce): SOQL
 * through `queryAll` (deleted and archived records included), every page followed by its
 * `nextRecordsUrl`; an expired session renewed once; rate limits waited out.
 */
export class SalesforceApi {
  private readonly fetch: Fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxTries: number;
  /** Requests made, for the run's record (Salesforce counts them against a daily limit). */
  requests = 0;
  /** Rate-limit waits, for the run's record. */
  waits: number[] = [];

  constructor(
    private connection: CrmConnection,
    private readonly options: SalesforceApiOptions,
  ) {
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? realSleep;
    this.maxTries = options.maxTries ?? 5;
  }

  /** Every record the query finds, page after page; deleted ones carry IsDeleted = true. */
  async *queryAll(soql: string): AsyncGenerator<SalesforceRecord> {
    let next: string | undefined =
      `/services/data/${API_VERSION}/queryAll?q=${encodeURIComponent(soql)}`;
    while (next !== undefined) {
      const page = QueryPageSchema.safeParse(await this.get(next));
      if (!page.success) {
        throw new AppError('CRM_UNAVAILABLE', 'Salesforce answered a query with an unknown shape.');
      }
      for (const record of page.data.records) yield record;
      next = page.data.done ? undefined : page.data.nextRecordsUrl;
    }
  }

  /** GET a path of the instance; JSON back, or an AppError that says what happened. */
  private async get(path: string): Promise<unknown> {
    if (this.connection.secrets.accessToken === undefined) await this.renewToken();
    const response = await requestWithRetry({
      send: () => this.send(path),
      judge: judgeAnswer,
      renew: () => this.renewToken(),
      sleep: this.sleep,
      maxTries: this.maxTries,
      waits: this.waits,
    });
    return response.json();
  }

  private async send(path: string): Promise<Response> {
    this.requests += 1;
    const url = new URL(path, `${this.connection.instanceUrl}/`).toString();
    try {
      return await this.fetch(url, {
        headers: {
          authorization: `Bearer ${this.connection.secrets.accessToken ?? ''}`,
          accept: 'application/json',
        },
      });
    } catch (error: unknown) {
      throw new AppError(
        'CRM_UNAVAILABLE',
        `Salesforce (${this.connection.instanceUrl}) did not answer.`,
        {
          cause: error,
        },
      );
    }
  }

  private async renewToken(): Promise<void> {
    const tokens = await requestAccessToken(this.connection, {
      fetch: this.fetch,
      now: this.options.now(),
    });
    this.connection = withTokens(this.connection, tokens);
    await this.options.onTokens(this.connection);
  }
}

/** What a failed answer means: Salesforce names its errors by `errorCode`. */
async function judgeAnswer(response: Response): Promise<FailedAnswer> {
  const errors = ErrorBodySchema.safeParse(await response.json().catch(() => null));
  const codes = errors.success ? errors.data.map((e) => e.errorCode) : [];
  const message = errors.success ? errors.data.map((e) => e.message).join('; ') : '';
  if (response.status === 401) {
    // INVALID_SESSION_ID: the access token expired or was revoked; renewing it once
    // tells the two apart (a revoked grant fails at the token endpoint).
    return {
      next: 'renew',
      error: new AppError(
        'CRM_AUTH_FAILED',
        `Salesforce refused a fresh session (${codes.join(', ') || 'HTTP 401'}): an admin ` +
          'must connect Salesforce again.',
      ),
    };
  }
  if (
    response.status === 429 ||
    response.status === 503 ||
    codes.includes('REQUEST_LIMIT_EXCEEDED')
  ) {
    return {
      next: 'wait',
      error: new AppError(
        'RATE_LIMITED',
        `Salesforce's API limit is reached (${codes.join(', ') || `HTTP ${response.status}`}` +
          `${message ? `: ${message}` : ''}); the sync resumes from its cursor at its next run.`,
      ),
    };
  }
  return {
    next: 'stop',
    error: new AppError(
      'CRM_UNAVAILABLE',
      `Salesforce answered HTTP ${response.status}` +
        `${codes.length > 0 ? ` (${codes.join(', ')}: ${message})` : ''}.`,
    ),
  };
}
