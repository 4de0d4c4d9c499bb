import { createHash, createVerify, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_VERSION } from './salesforce-api.js';

/**
 * TEST SUPPORT: a local HTTP server that answers as Salesforce's documented REST API does,
 * for the contract tests of the sync. Built from the vendor's documented shapes, not from
 * any client library:
 * - `GET /services/oauth2/authorize` (web-server flow with PKCE): as if the user signed in and
 *   allowed the app at once, a 302 to `redirect_uri?code=…&state=…`, or with `denyNext`
 *   `?error=access_denied&error_description=end-user denied authorization&state=…`;
 * - `POST /services/oauth2/token` (authorization-code with `code_verifier`, refresh-token and
 *   JWT bearer grants): `{ access_token, refresh_token (code grant only), instance_url, id,
 *   token_type, issued_at, signature }`, or 400 `{ error, error_description }`;
 * - `GET /services/data/vXX.X/queryAll?q=SOQL`: `{ totalSize, done, nextRecordsUrl?, records }`,
 *   each record `{ attributes: { type, url }, ...selected fields }` (relationship fields as
 *   nested records, null fields as null); the next page at `nextRecordsUrl`, which names
 *   `query`, not `queryAll`, as Salesforce's does;
 * - errors as `[{ message, errorCode }]`: 401 INVALID_SESSION_ID without a valid session.
 * Its SOQL is the subset the sync writes: a field list, FROM, `AND`ed `>=`, `=` and `IN`
 * conditions, ORDER BY ascending fields.
 */
export type FakeRecord = Record<string, unknown> & { Id: string };

export interface Fault {
  /** Which request it answers: the first GET whose path and query contain this text. */
  when: string;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** How many times it answers before the real answer comes back (default 1). */
  times?: number;
  /** Close the connection without answering, as a dropped network would. */
  drop?: boolean;
}

export interface FakeSalesforceOptions {
  pageSize?: number;
  refreshToken?: string;
  clientId?: string;
  /** PEM public key for JWT bearer assertions. */
  publicKey?: string;
  /** The connected app's consumer secret the authorization-code grant must present. */
  clientSecret?: string;
  username?: string;
}

export class FakeSalesforce {
  readonly records: Record<string, FakeRecord[]> = {};
  pageSize: number;
  /** The refresh token the server honours; `revoke()` makes every grant fail. */
  refreshToken: string;
  revoked = false;
  /** Access tokens the server issued, valid until `expireSessions()`. */
  readonly issued: string[] = [];
  private valid = new Set<string>();
  readonly faults: Fault[] = [];
  /** Every request: method, path with query, whether it carried a valid session. */
  readonly log: { method: string; path: string }[] = [];
  /** The next authorize request is refused by the user ("Deny"). */
  denyNext = false;
  /** Authorization codes issued and not yet redeemed, with what the grant must match. */
  private readonly codes = new Map<
    string,
    { challenge: string; method: string; redirectUri: string; clientId: string }
  >();
  /** Decoded claims of the JWT assertions received. */
  readonly assertions: Record<string, unknown>[] = [];
  private readonly cursors = new Map<string, FakeRecord[]>();
  private server: Server | null = null;
  url = '';

  constructor(private readonly options: FakeSalesforceOptions = {}) {
    this.pageSize = options.pageSize ?? 2000;
    this.refreshToken = options.refreshToken ?? 'fake-refresh-token';
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify([{ message: String(error), errorCode: 'UNKNOWN_EXCEPTION' }]));
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

  add(type: string, ...records: FakeRecord[]): void {
    this.records[type] = [...(this.records[type] ?? []), ...records];
  }

  /** Changes a record's fields, as an edit in Salesforce would (the caller sets SystemModstamp). */
  update(type: string, id: string, fields: Record<string, unknown>): void {
    const record = this.records[type]?.find((r) => r.Id === id);
    if (record === undefined) throw new Error(`no ${type} ${id}`);
    Object.assign(record, fields);
  }

  /** Every session ends (as when they time out): the next API call answers 401. */
  expireSessions(): void {
    this.valid = new Set();
  }

  revoke(): void {
    this.revoked = true;
    this.expireSessions();
  }

  grantSession(token: string): void {
    this.valid.add(token);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    this.log.push({ method: request.method ?? 'GET', path });
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && path.startsWith('/services/oauth2/authorize?')) {
      this.authorize(new URL(path, this.url).searchParams, response);
      return;
    }
    if (request.method === 'POST' && path === '/services/oauth2/token') {
      const form = new URLSearchParams(await readBody(request));
      const byCode = form.get('grant_type') === 'authorization_code';
      const token = byCode ? this.redeem(form) : this.grant(form);
      if (token === null) {
        answer(400, {
          error: 'invalid_grant',
          error_description: byCode ? 'authentication failure' : 'expired access/refresh token',
        });
        return;
      }
      answer(200, {
        access_token: token,
        ...(byCode ? { refresh_token: this.refreshToken } : {}),
        signature: 'c2lnbmF0dXJl',
        scope: 'api refresh_token',
        instance_url: this.url,
        id: `${this.url}/id/00DFAKE000000001/005FAKE000000001`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      });
      return;
    }
    const fault = this.faults.find((f) => decodeURIComponent(path).includes(f.when));
    if (fault !== undefined) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.drop === true) {
        request.socket.destroy();
        return;
      }
      answer(fault.status, fault.body, fault.headers);
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !this.valid.has(bearer)) {
      answer(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      return;
    }
    const url = new URL(path, this.url);
    const base = `/services/data/${API_VERSION}`;
    if (url.pathname === `${base}/queryAll` || url.pathname === `${base}/queryAll/`) {
      const soql = url.searchParams.get('q') ?? '';
      const result = this.run(soql);
      if (typeof result === 'string') {
        answer(400, [{ message: result, errorCode: 'MALFORMED_QUERY' }]);
        return;
      }
      answer(200, this.page(result, 0));
      return;
    }
    const more = new RegExp(`^${base}/query/(01g\\d+)-(\\d+)$`).exec(url.pathname);
    const rows = more?.[1] === undefined ? undefined : this.cursors.get(more[1]);
    if (more?.[2] !== undefined && rows !== undefined) {
      answer(200, this.page(rows, Number(more[2]), more[1]));
      return;
    }
    answer(404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  }

  /** The authorize page, as if the user signed in and pressed Allow (or Deny). */
  private authorize(query: URLSearchParams, response: ServerResponse): void {
    const redirectUri = query.get('redirect_uri');
    const clientId = query.get('client_id') ?? '';
    const badClient = this.options.clientId !== undefined && clientId !== this.options.clientId;
    if (!redirectUri || query.get('response_type') !== 'code' || badClient) {
      // Salesforce shows an error page rather than redirecting to an unverified callback.
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('error=invalid_client_id');
      return;
    }
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (this.denyNext) {
      this.denyNext = false;
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'end-user denied authorization');
    } else {
      const code = `aPrx${randomBytes(24).toString('base64url')}`;
      this.codes.set(code, {
        challenge: query.get('code_challenge') ?? '',
        method: query.get('code_challenge_method') ?? 'plain',
        redirectUri,
        clientId,
      });
      back.searchParams.set('code', code);
    }
    if (state !== null) back.searchParams.set('state', state);
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  /** The authorization-code grant: once per code, same client and callback, PKCE verified. */
  private redeem(form: URLSearchParams): string | null {
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (issued === undefined || this.revoked) return null;
    const verifier = form.get('code_verifier') ?? '';
    const expected =
      issued.method === 'S256'
        ? createHash('sha256').update(verifier).digest('base64url')
        : verifier;
    if (
      expected !== issued.challenge ||
      form.get('redirect_uri') !== issued.redirectUri ||
      form.get('client_id') !== issued.clientId ||
      (this.options.clientSecret !== undefined &&
        form.get('client_secret') !== this.options.clientSecret)
    ) {
      return null;
    }
    return this.issue();
  }

  private issue(): string {
    const token = `00DFAKE!session-${this.issued.length + 1}-${Math.random().toString(36).slice(2)}`;
    this.issued.push(token);
    this.valid.add(token);
    return token;
  }

  private grant(form: URLSearchParams): string | null {
    if (this.revoked) return null;
    const type = form.get('grant_type');
    if (type === 'refresh_token') {
      if (form.get('refresh_token') !== this.refreshToken) return null;
      if (this.options.clientId && form.get('client_id') !== this.options.clientId) return null;
    } else if (type === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const claims = this.verifyAssertion(form.get('assertion') ?? '');
      if (claims === null) return null;
    } else {
      return null;
    }
    return this.issue();
  }

  private verifyAssertion(assertion: string): Record<string, unknown> | null {
    const [header, claims, signature] = assertion.split('.');
    if (!header || !claims || !signature || !this.options.publicKey) return null;
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${claims}`);
    if (!verifier.verify(this.options.publicKey, Buffer.from(signature, 'base64url'))) return null;
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    this.assertions.push(decoded);
    const fresh = typeof decoded.exp === 'number' && decoded.exp * 1000 > Date.now() - 60_000;
    if (decoded.iss !== this.options.clientId || decoded.sub !== this.options.username || !fresh)
      return null;
    return decoded;
  }

  private page(rows: FakeRecord[], offset: number, locator?: string) {
    const id = locator ?? `01g${this.cursors.size + 1}`;
    if (locator === undefined) this.cursors.set(id, rows);
    const end = offset + this.pageSize;
    const done = end >= rows.length;
    return {
      totalSize: rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${API_VERSION}/query/${id}-${end}` }),
      records: rows.slice(offset, end),
    };
  }

  /** Runs the sync's SOQL subset; a string is the MALFORMED_QUERY message. */
  private run(soql: string): FakeRecord[] | string {
    const parsed = /^SELECT (.+?) FROM (\w+)(?: WHERE (.+?))?(?: ORDER BY (.+))?$/.exec(
      soql.trim(),
    );
    if (parsed?.[1] === undefined || parsed[2] === undefined) return `unexpected SOQL: ${soql}`;
    const fields = parsed[1].split(',').map((f) => f.trim());
    const type = parsed[2];
    let rows = [...(this.records[type] ?? [])];
    for (const condition of parsed[3]?.split(' AND ') ?? []) {
      const test = conditionOf(condition.trim());
      if (typeof test === 'string') return test;
      rows = rows.filter(test);
    }
    const order = parsed[4]?.split(',').map((f) => f.trim()) ?? [];
    rows.sort((a, b) => {
      for (const name of order) {
        const x = String(a[name] ?? '');
        const y = String(b[name] ?? '');
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    return rows.map((row) => this.project(type, row, fields));
  }

  private project(type: string, row: FakeRecord, fields: readonly string[]): FakeRecord {
    const out: Record<string, unknown> = {
      attributes: { type, url: `/services/data/${API_VERSION}/sobjects/${type}/${row.Id}` },
    };
    for (const name of fields) {
      const [head, tail] = name.split('.');
      if (head === undefined) continue;
      if (tail === undefined) {
        out[head] = row[head] ?? null;
        continue;
      }
      const related = row[head] as Record<string, unknown> | null | undefined;
      if (related === null || related === undefined) {
        out[head] = null;
        continue;
      }
      const nested = (out[head] as Record<string, unknown> | undefined) ?? {
        attributes: { type: related.type ?? head },
      };
      nested[tail] = related[tail] ?? null;
      out[head] = nested;
    }
    return out as FakeRecord;
  }
}

function conditionOf(condition: string): ((row: FakeRecord) => boolean) | string {
  const since = /^(\w+) >= (\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(condition);
  if (since?.[1] !== undefined && since[2] !== undefined) {
    const [name, at] = [since[1], Date.parse(since[2])];
    return (row) => Date.parse(String(row[name])) >= at;
  }
  const equal = /^(\w+) = '([^']*)'$/.exec(condition);
  if (equal?.[1] !== undefined && equal[2] !== undefined) {
    const [name, value] = [equal[1], equal[2]];
    return (row) => row[name] === value;
  }
  const within = /^(\w+) IN \((.+)\)$/.exec(condition);
  if (within?.[1] !== undefined && within[2] !== undefined) {
    const name = within[1];
    const values = new Set(within[2].split(',').map((v) => v.trim().replace(/^'|'$/g, '')));
    return (row) => values.has(String(row[name]));
  }
  return `unexpected condition: ${condition}`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
