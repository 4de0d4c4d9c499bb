import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import type { Queryable } from '../../db/database.js';
import { AppError } from '../../shared/app-error.js';
import { connectCrm } from '../connect-crm.js';
import { SecretBox } from '../secret-box.js';
import { type Fetch, SALESFORCE_LOGIN_URL } from './salesforce-auth.js';

/** How long an admin has between "Connect Salesforce" and coming back from Salesforce. */
export const OAUTH_STATE_MS = 10 * 60_000;

/** Why a web-server flow did not connect, for the screen (which says it in words). */
export type OAuthFailure = 'denied' | 'bad-state' | 'expired-state' | 'exchange-failed';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** Salesforce's login host (https://login.salesforce.com, a sandbox's, a test server). */
  loginUrl: string;
  /** This server's callback, exactly as registered in the connected app. */
  redirectUri: string;
}

/** Who started the flow: only the same admin, in the same browser session, may finish it. */
export interface OAuthCaller {
  orgId: string;
  personId: string;
  /** The session cookie's value (kept only as its SHA-256). */
  session: string;
}

/**
 * The connected app this server's button authorizes, from its environment, or a 409 naming
 * what to set. The callback is on PUBLIC_URL when set, else on the address the browser used.
 */
export function oauthAppOf(
  config: Pick<
    Config,
    | 'CRM_SECRET_KEY'
    | 'SALESFORCE_CLIENT_ID'
    | 'SALESFORCE_CLIENT_SECRET'
    | 'SALESFORCE_LOGIN_URL'
    | 'PUBLIC_URL'
  >,
  options: { origin: string; sandbox?: boolean },
): { box: SecretBox; app: OAuthApp } {
  const {
    CRM_SECRET_KEY: key,
    SALESFORCE_CLIENT_ID: id,
    SALESFORCE_CLIENT_SECRET: secret,
  } = config;
  if (!key || !id || !secret) {
    const missing = [
      key ? null : 'CRM_SECRET_KEY',
      id ? null : 'SALESFORCE_CLIENT_ID',
      secret ? null : 'SALESFORCE_CLIENT_SECRET',
    ].filter((name) => name !== null);
    throw new AppError(
      'CONFLICT',
      `This server cannot connect Salesforce from the browser: set ${missing.join(', ')} in ` +
        'its environment (docs/crm-sync.md), or connect with `rudder sync connect salesforce`.',
    );
  }
  const base = (config.PUBLIC_URL ?? options.origin).replace(/\/+$/, '');
  const loginUrl =
    config.SALESFORCE_LOGIN_URL?.replace(/\/+$/, '') ??
    (options.sandbox === true ? 'https://test.salesforce.com' : SALESFORCE_LOGIN_URL);
  return {
    box: SecretBox.fromConfig(key),
    app: {
      clientId: id,
      clientSecret: secret,
      loginUrl,
      redirectUri: `${base}/api/v1/crm/salesforce/oauth/callback`,
    },
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const verifierBinding = (orgId: string) => `crm-oauth:${orgId}:salesforce`;

/**
 * Starts Salesforce's OAuth 2.0 web-server flow with PKCE: a random `state` (stored as its
 * hash, bound to the admin, the session and the organization, single use, ten minutes) and a
 * code verifier (stored sealed); answers the authorize URL the browser goes to.
 */
export async function startSalesforceOAuth(
  db: Queryable,
  options: { caller: OAuthCaller; app: OAuthApp; box: SecretBox; now: Date },
): Promise<string> {
  const { caller, app, box, now } = options;
  const state = randomBytes(32).toString('base64url');
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  // Flows never finished leave nothing behind for long.
  await db.query('delete from crm_oauth_state where org_id = $1 and expires_at <= $2', [
    caller.orgId,
    now.toISOString(),
  ]);
  await db.query(
    `insert into crm_oauth_state (org_id, kind, state_hash, person_id, session_hash, verifier,
                                  redirect_uri, login_url, expires_at)
     values ($1, 'salesforce', $2, $3, $4, $5, $6, $7, $8)`,
    [
      caller.orgId,
      sha256(state),
      caller.personId,
      sha256(caller.session),
      box.seal(verifier, verifierBinding(caller.orgId)),
      app.redirectUri,
      app.loginUrl,
      new Date(now.getTime() + OAUTH_STATE_MS).toISOString(),
    ],
  );
  const url = new URL(`${app.loginUrl.replace(/\/+$/, '')}/services/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'api refresh_token',
  }).toString();
  return url.toString();
}

/** The token endpoint's answer to the authorization-code grant (the fields Rudder keeps). */
const CodeAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  instance_url: z.string().min(1),
});

export type OAuthOutcome = { ok: true } | { ok: false; failure: OAuthFailure; message: string };

/**
 * Finishes the flow where Salesforce sent the browser back: the state must be one this server
 * issued to this admin in this session and organization, not used and not expired (it is
 * spent whatever happens next); then the code is exchanged, with the PKCE verifier, for a
 * refresh token stored sealed exactly as `rudder sync connect` stores one.
 */
export async function finishSalesforceOAuth(
  db: Queryable,
  options: {
    caller: OAuthCaller;
    query: { state?: string; code?: string; error?: string; error_description?: string };
    app: Pick<OAuthApp, 'clientId' | 'clientSecret'>;
    box: SecretBox;
    fetch?: Fetch;
    now: Date;
  },
): Promise<OAuthOutcome> {
  const { caller, query, box, now } = options;
  const refused = (failure: OAuthFailure, message: string): OAuthOutcome => ({
    ok: false,
    failure,
    message,
  });
  if (!query.state)
    return refused('bad-state', 'Salesforce sent the browser back without a state.');
  const [row] = await db.query<{
    org_id: string;
    person_id: string;
    session_hash: string;
    verifier: string;
    redirect_uri: string;
    login_url: string;
    expires_at: string;
  }>(
    `delete from crm_oauth_state
      where org_id = $1 and state_hash = $2 and kind = 'salesforce'
     returning org_id, person_id, session_hash, verifier, redirect_uri, login_url, expires_at`,
    [caller.orgId, sha256(query.state)],
  );
  if (
    row === undefined ||
    row.org_id !== caller.orgId ||
    row.person_id !== caller.personId ||
    row.session_hash !== sha256(caller.session)
  ) {
    return refused(
      'bad-state',
      'This answer from Salesforce does not belong to a connection you started here (or was ' +
        'already used). Nothing was connected; start again with "Connect Salesforce".',
    );
  }
  if (Date.parse(row.expires_at) <= now.getTime()) {
    return refused(
      'expired-state',
      'The connection took more than ten minutes to come back from Salesforce. Nothing was ' +
        'connected; start again with "Connect Salesforce".',
    );
  }
  if (query.error !== undefined || !query.code) {
    return refused(
      'denied',
      `Salesforce did not authorize Rudder (${query.error ?? 'no code'}` +
        `${query.error_description ? `: ${query.error_description}` : ''}). Nothing was connected.`,
    );
  }
  const verifier = box.open(row.verifier, verifierBinding(caller.orgId));
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: query.code,
    client_id: options.app.clientId,
    client_secret: options.app.clientSecret,
    redirect_uri: row.redirect_uri,
    code_verifier: verifier,
  });
  let answer: unknown;
  let status: number;
  try {
    const response = await (options.fetch ?? fetch)(`${row.login_url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    status = response.status;
    answer = await response.json().catch(() => null);
  } catch {
    return refused(
      'exchange-failed',
      `Salesforce's login server (${row.login_url}) did not answer.`,
    );
  }
  const tokens = CodeAnswerSchema.safeParse(answer);
  if (status !== 200 || !tokens.success) {
    const error = z
      .object({ error: z.string(), error_description: z.string().optional() })
      .safeParse(answer);
    const why = error.success
      ? `${error.data.error}${error.data.error_description ? `: ${error.data.error_description}` : ''}`
      : `HTTP ${status}`;
    return refused('exchange-failed', `Salesforce refused to exchange the code (${why}).`);
  }
  if (tokens.data.refresh_token === undefined) {
    return refused(
      'exchange-failed',
      'Salesforce gave no refresh token: add the scope "Perform requests at any time ' +
        '(refresh_token, offline_access)" to the connected app, then connect again.',
    );
  }
  await connectCrm(db, {
    orgId: caller.orgId,
    kind: 'salesforce',
    instanceUrl: tokens.data.instance_url,
    loginUrl: row.login_url,
    authKind: 'refresh-token',
    clientId: options.app.clientId,
    secrets: {
      accessToken: tokens.data.access_token,
      refreshToken: tokens.data.refresh_token,
      clientSecret: options.app.clientSecret,
    },
    actorId: caller.personId,
    box,
    now,
  });
  return { ok: true };
}
