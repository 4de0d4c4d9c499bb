import { createSign } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import type { CrmConnection } from '../crm-connection.js';

export type Fetch = typeof fetch;

/** Salesforce's production login host; a sandbox uses https://test.salesforce.com. */
export const SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';

/** The token endpoint's answer (OAuth 2.0, RFC 6749 §5.1), the fields Rudder reads. */
const TokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  instance_url: z.string().optional(),
  refresh_token: z.string().optional(),
});

/** Its error answer (RFC 6749 §5.2): `invalid_grant` for a revoked or expired grant. */
const TokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

export interface Tokens {
  accessToken: string;
  instanceUrl: string | null;
  refreshToken: string | null;
}

/**
 * A new access token for the connection: the refresh-token grant, or the JWT bearer flow
 * (RFC 7523) signed here with the connection's private key. A refused grant is a
 * CRM_AUTH_FAILED whose message tells the admin what to do; it is never retried.
 */
export async function requestAccessToken(
  connection: CrmConnection,
  options: { fetch: Fetch; now: Date },
): Promise<Tokens> {
  const loginUrl = connection.loginUrl ?? SALESFORCE_LOGIN_URL;
  const form = new URLSearchParams(grantOf(connection, loginUrl, options.now));
  let response: Response;
  try {
    response = await options.fetch(`${loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
  } catch (error: unknown) {
    throw new AppError(
      'CRM_UNAVAILABLE',
      `Salesforce's login server (${loginUrl}) did not answer.`,
      {
        cause: error,
      },
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const tokens = TokenAnswerSchema.safeParse(body);
    if (!tokens.success)
      throw new AppError('CRM_UNAVAILABLE', "Salesforce's token answer has no access token.");
    return {
      accessToken: tokens.data.access_token,
      instanceUrl: tokens.data.instance_url ?? null,
      refreshToken: tokens.data.refresh_token ?? null,
    };
  }
  const refused = TokenErrorSchema.safeParse(body);
  if (response.status >= 500 || !refused.success) {
    throw new AppError(
      'CRM_UNAVAILABLE',
      `Salesforce's login server answered HTTP ${response.status}; the sync will try again.`,
    );
  }
  const why = refused.data.error_description ?? refused.data.error;
  throw new AppError(
    'CRM_AUTH_FAILED',
    `Salesforce refused Rudder's credentials (${refused.data.error}: ${why}). The sync is ` +
      'stopped: an admin must connect Salesforce again (a revoked or expired grant, a ' +
      'changed password or connected app, or a user no longer allowed to use it).',
  );
}

function grantOf(connection: CrmConnection, loginUrl: string, now: Date): Record<string, string> {
  const { secrets, clientId } = connection;
  switch (connection.authKind) {
    case 'refresh-token':
      if (secrets.refreshToken === undefined || clientId === null) {
        throw new AppError('CRM_AUTH_FAILED', needs('a refresh token and a client id'));
      }
      return {
        grant_type: 'refresh_token',
        refresh_token: secrets.refreshToken,
        client_id: clientId,
        ...(secrets.clientSecret === undefined ? {} : { client_secret: secrets.clientSecret }),
      };
    case 'jwt-bearer':
      if (secrets.privateKey === undefined || clientId === null || connection.username === null) {
        throw new AppError('CRM_AUTH_FAILED', needs('a private key, a client id and a username'));
      }
      return {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: signJwtAssertion({
          clientId,
          username: connection.username,
          audience: loginUrl,
          privateKey: secrets.privateKey,
          now,
        }),
      };
    case 'access-token':
      throw new AppError(
        'CRM_AUTH_FAILED',
        'The Salesforce access token expired and this connection has no way to renew it: ' +
          'connect with a refresh token or the JWT bearer flow.',
      );
    default:
      throw new AppError('CRM_AUTH_FAILED', needs('a known authentication kind'));
  }
}

const needs = (what: string) =>
  `The Salesforce connection lacks ${what}: an admin must connect Salesforce again.`;

/**
 * The JWT bearer assertion Salesforce documents: RS256, `iss` the connected app's consumer
 * key, `sub` the user, `aud` the login host, `exp` within three minutes.
 */
export function signJwtAssertion(options: {
  clientId: string;
  username: string;
  audience: string;
  privateKey: string;
  now: Date;
}): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'JWT' });
  const claims = encode({
    iss: options.clientId,
    sub: options.username,
    aud: options.audience,
    exp: Math.floor(options.now.getTime() / 1000) + 180,
  });
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${claims}`);
  return `${header}.${claims}.${signer.sign(options.privateKey).toString('base64url')}`;
}
