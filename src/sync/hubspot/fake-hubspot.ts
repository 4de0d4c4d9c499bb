import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST SUPPORT: a local HTTP server that answers as HubSpot's documented CRM API v3 does,
 * for the contract tests of the sync. Built from the vendor's documented shapes and field
 * names, not from any client library:
 * - `POST /oauth/v1/token` (form, grant_type=refresh_token): `{ token_type, refresh_token,
 *   access_token, expires_in }`, or 400 `{ status: 'BAD_REFRESH_TOKEN', message }`;
 * - without a valid Bearer token, 401 `{ status: 'error', message, correlationId, category:
 *   'EXPIRED_AUTHENTICATION' }`;
 * - `GET /crm/v3/owners?limit&after&archived`: `{ results: [{ id, email, firstName, lastName,
 *   userId, createdAt, updatedAt, archived, teams: [{ id, name, primary }] }], paging }`;
 * - `GET /crm/v3/pipelines/deals`: `{ results: [{ id, label, displayOrder, stages: [{ id,
 *   label, displayOrder, metadata: { isClosed, probability } }] }] }`;
 * - `POST /crm/v3/objects/{type}/search` with `filterGroups` (GTE on a date in epoch ms, IN),
 *   `sorts`, `properties`, `limit`, `after`: `{ total, results: [{ id, properties,
 *   createdAt, updatedAt, archived }], paging: { next: { after, link } } }`; paging at or
 *   beyond the 10,000th result is a 400, as HubSpot's;
 * - `GET /crm/v3/objects/{type}?archived=true`: the archived objects with `archivedAt`;
 * - `POST /crm/v3/objects/{type}/batch/read` with `propertiesWithHistory`: `{ status,
 *   results: [{ id, properties, propertiesWithHistory: { name: [{ value, timestamp,
 *   sourceType }] } }] }`, each history newest first;
 * - `POST /crm/v4/associations/{from}/{to}/batch/read`: `{ status, results: [{ from: { id },
 *   to: [{ toObjectId, associationTypes }] }] }`;
 * - 429 `{ status: 'error', message, errorType: 'RATE_LIMIT', correlationId, policyName }`
 *   through `faults`.
 */
export interface FakeObject {
  id: string;
  properties: Record<string, string | null>;
  /** Every value each property had, oldest first (the API answers newest first). */
  history: Record<string, { value: string; timestamp: string }[]>;
  createdAt: string;
  archivedAt?: string;
  /** Associated object ids per type (deals). */
  associations?: Record<string, string[]>;
}

export interface FakeOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  updatedAt: string;
  teams: { id: string; name: string; primary: boolean }[];
  archived?: boolean;
}

export interface Fault {
  /** Which request it answers: `METHOD path` and body containing this text. */
  when: string;
  /** Matching requests answered normally before this one (default 0). */
  skip?: number;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  times?: number;
}

export interface FakeHubSpotOptions {
  pageSize?: number;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** A private app's token, valid until `revoke()`. */
  privateAppToken?: string;
  searchLimit?: number;
}

export class FakeHubSpot {
  owners: FakeOwner[] = [];
  pipelines: unknown[] = [];
  readonly objects: Record<string, FakeObject[]> = {};
  pageSize: number;
  searchLimit: number;
  refreshToken: string;
  revoked = false;
  readonly issued: string[] = [];
  private valid = new Set<string>();
  readonly faults: Fault[] = [];
  readonly log: { method: string; path: string; body: string }[] = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly options: FakeHubSpotOptions = {}) {
    this.pageSize = options.pageSize ?? 100;
    this.searchLimit = options.searchLimit ?? 10_000;
    this.refreshToken = options.refreshToken ?? 'fake-hubspot-refresh';
    if (options.privateAppToken) this.valid.add(options.privateAppToken);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'error', message: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Creates an object as of `at`: its properties' history starts there. */
  add(type: string, id: string, at: string, properties: Record<string, string>): FakeObject {
    const object: FakeObject = { id, properties: {}, history: {}, createdAt: at };
    const list = this.objects[type] ?? [];
    list.push(object);
    this.objects[type] = list;
    this.set(object, { createdate: at, ...properties }, at);
    return object;
  }

  /** An edit in HubSpot at `at`: the properties change, their history grows, it is modified. */
  update(type: string, id: string, at: string, properties: Record<string, string>): void {
    this.set(this.find(type, id), properties, at);
  }

  /** Deletes an object (HubSpot archives it; it leaves searches for the archived list). */
  archive(type: string, id: string, at: string): void {
    this.find(type, id).archivedAt = at;
  }

  find(type: string, id: string): FakeObject {
    const object = this.objects[type]?.find((o) => o.id === id);
    if (object === undefined) throw new Error(`no ${type} ${id}`);
    return object;
  }

  private set(object: FakeObject, properties: Record<string, string>, at: string): void {
    for (const [name, value] of Object.entries(properties)) {
      object.properties[name] = value;
      object.history[name] = [...(object.history[name] ?? []), { value, timestamp: at }];
    }
    object.properties.hs_lastmodifieddate = properties.hs_lastmodifieddate ?? at;
    object.properties.hs_object_id = object.id;
  }

  /** Every token ends (as when an OAuth access token's 30 minutes are up). */
  expireTokens(): void {
    this.valid = new Set();
  }

  /** The app is uninstalled: every token and the refresh token stop working. */
  revoke(): void {
    this.revoked = true;
    this.expireTokens();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    this.log.push({ method, path, body });
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    if (method === 'POST' && path === '/oauth/v1/token') {
      const form = new URLSearchParams(body);
      const ok =
        !this.revoked &&
        form.get('grant_type') === 'refresh_token' &&
        form.get('refresh_token') === this.refreshToken &&
        (this.options.clientId === undefined || form.get('client_id') === this.options.clientId) &&
        (this.options.clientSecret === undefined ||
          form.get('client_secret') === this.options.clientSecret);
      if (!ok) {
        answer(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token' });
        return;
      }
      const token = `hs-access-${this.issued.length + 1}-${Math.random().toString(36).slice(2)}`;
      this.issued.push(token);
      this.valid.add(token);
      answer(200, {
        token_type: 'bearer',
        refresh_token: this.refreshToken,
        access_token: token,
        expires_in: 1800,
      });
      return;
    }
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.valid.has(token)) {
      answer(401, {
        status: 'error',
        message: 'The OAuth token used to make this call expired 0 second(s) ago.',
        correlationId: 'c0ffee00-0000-4000-8000-000000000401',
        category: 'EXPIRED_AUTHENTICATION',
      });
      return;
    }
    const fault = this.faults.find((f) => `${method} ${path} ${body}`.includes(f.when));
    if (fault !== undefined) {
      if ((fault.skip ?? 0) > 0) {
        fault.skip = (fault.skip ?? 0) - 1;
      } else {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
        answer(fault.status, fault.body, fault.headers);
        return;
      }
    }
    const url = new URL(path, 'http://fake');
    const route = url.pathname;
    if (method === 'GET' && route === '/crm/v3/owners') {
      // Active owners by default; `archived=true` lists the deactivated ones only.
      const archived = url.searchParams.get('archived') === 'true';
      const owners = this.owners.filter((o) => (o.archived === true) === archived);
      answer(200, this.paged(owners, url, route));
      return;
    }
    if (method === 'GET' && route === '/crm/v3/pipelines/deals') {
      answer(200, { results: this.pipelines });
      return;
    }
    const search = /^\/crm\/v3\/objects\/(\w+)\/search$/.exec(route);
    if (method === 'POST' && search?.[1] !== undefined) {
      this.search(search[1], JSON.parse(body) as SearchBody, answer);
      return;
    }
    const batch = /^\/crm\/v3\/objects\/(\w+)\/batch\/read$/.exec(route);
    if (method === 'POST' && batch?.[1] !== undefined) {
      const type = batch[1];
      const read = JSON.parse(body) as {
        inputs: { id: string }[];
        properties?: string[];
        propertiesWithHistory?: string[];
      };
      const results = read.inputs.flatMap(({ id }) => {
        const object = this.objects[type]?.find((o) => o.id === id && !o.archivedAt);
        if (object === undefined) return [];
        return [
          {
            ...this.shape(object, read.properties ?? []),
            propertiesWithHistory: Object.fromEntries(
              (read.propertiesWithHistory ?? []).map((name) => [
                name,
                [...(object.history[name] ?? [])].reverse().map((entry) => ({
                  ...entry,
                  sourceType: 'CRM_UI',
                })),
              ]),
            ),
          },
        ];
      });
      answer(200, {
        status: 'COMPLETE',
        results,
        startedAt: '2024-01-01T00:00:00.000Z',
        completedAt: '2024-01-01T00:00:00.100Z',
      });
      return;
    }
    const associations = /^\/crm\/v4\/associations\/(\w+)\/(\w+)\/batch\/read$/.exec(route);
    if (method === 'POST' && associations?.[1] !== undefined && associations[2] !== undefined) {
      const [, from, to] = associations;
      const read = JSON.parse(body) as { inputs: { id: string }[] };
      const results = read.inputs.flatMap(({ id }) => {
        const linked = this.objects[from]?.find((o) => o.id === id)?.associations?.[to] ?? [];
        if (linked.length === 0) return [];
        return [
          {
            from: { id },
            to: linked.map((toId) => ({
              toObjectId: Number(toId),
              associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 206, label: null }],
            })),
          },
        ];
      });
      answer(200, { status: 'COMPLETE', results, startedAt: '', completedAt: '' });
      return;
    }
    const list = /^\/crm\/v3\/objects\/(\w+)$/.exec(route);
    if (method === 'GET' && list?.[1] !== undefined) {
      const archived = url.searchParams.get('archived') === 'true';
      const properties = (url.searchParams.get('properties') ?? '').split(',').filter(Boolean);
      const objects = (this.objects[list[1]] ?? []).filter((o) => !!o.archivedAt === archived);
      const page = this.paged(objects, url, route);
      answer(200, {
        ...page,
        results: (page.results as FakeObject[]).map((o) => this.shape(o, properties)),
      });
      return;
    }
    answer(404, {
      status: 'error',
      message: `Unable to infer object type from: ${route}`,
      category: 'OBJECT_NOT_FOUND',
    });
  }

  private paged<T>(items: readonly T[], url: URL, route: string) {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), this.pageSize);
    const after = Number(url.searchParams.get('after') ?? 0);
    const results = items.slice(after, after + limit);
    const next = after + limit < items.length ? String(after + limit) : undefined;
    return {
      results,
      ...(next
        ? { paging: { next: { after: next, link: `${this.url}${route}?after=${next}` } } }
        : {}),
    };
  }

  private shape(object: FakeObject, properties: readonly string[]) {
    const always = ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];
    return {
      id: object.id,
      properties: Object.fromEntries(
        [...new Set([...always, ...properties])].map((name) => [
          name,
          object.properties[name] ?? null,
        ]),
      ),
      createdAt: object.createdAt,
      updatedAt: object.properties.hs_lastmodifieddate,
      archived: object.archivedAt !== undefined,
      ...(object.archivedAt ? { archivedAt: object.archivedAt } : {}),
    };
  }

  private search(
    type: string,
    body: SearchBody,
    answer: (status: number, payload: unknown) => void,
  ): void {
    const after = Number(body.after ?? 0);
    if (after >= this.searchLimit) {
      answer(400, {
        status: 'error',
        message: 'There was a problem with the request.',
        correlationId: 'c0ffee00-0000-4000-8000-000000000400',
        category: 'VALIDATION_ERROR',
      });
      return;
    }
    // Ids and epoch-ms filter values are numbers; date properties are ISO 8601 instants.
    const number = (name: string, text: string) =>
      name === 'hs_object_id' || /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    const matches = (object: FakeObject) =>
      (body.filterGroups ?? []).every((group) =>
        group.filters.every((filter) => {
          const name = filter.propertyName;
          const value = object.properties[name] ?? '';
          const bound = number(name, filter.value ?? '');
          if (filter.operator === 'GTE') return number(name, value) >= bound;
          if (filter.operator === 'GT') return number(name, value) > bound;
          if (filter.operator === 'EQ') return number(name, value) === bound;
          if (filter.operator === 'IN') return (filter.values ?? []).includes(value);
          throw new Error(`operator ${filter.operator} not faked`);
        }),
      );
    const sort = body.sorts?.[0]?.propertyName ?? 'hs_object_id';
    const key = (o: FakeObject) => number(sort, o.properties[sort] ?? '');
    // HubSpot sorts by one property; ties come in no documented order (here: by id).
    const found = (this.objects[type] ?? [])
      .filter((o) => !o.archivedAt && matches(o))
      .sort((a, b) => key(a) - key(b) || Number(a.id) - Number(b.id));
    const limit = Math.min(body.limit ?? 10, 200, this.pageSize);
    const results = found.slice(after, after + limit);
    const next = after + limit < found.length ? String(after + limit) : undefined;
    answer(200, {
      total: found.length,
      results: results.map((o) => this.shape(o, body.properties ?? [])),
      ...(next ? { paging: { next: { after: next, link: '' } } } : {}),
    });
  }
}

interface SearchBody {
  filterGroups?: {
    filters: { propertyName: string; operator: string; value?: string; values?: string[] }[];
  }[];
  sorts?: { propertyName: string; direction: string }[];
  properties?: string[];
  limit?: number;
  after?: string;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
