import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import type { CrmConnection } from '../crm-connection.js';
import type { Fetch } from '../salesforce/salesforce-auth.js';

/** HubSpot's API host; the token endpoint is on it too (`/oauth/v1/token`). */
export const HUBSPOT_API_URL = 'https://api.hubapi.com';

/** The token endpoint's answer: `{ token_type, refresh_token, access_token, expires_in }`. */
const TokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
});

/**
 * Its refusals come in two shapes: HubSpot's own `{ status: 'BAD_REFRESH_TOKEN', message }`
 * and, from the newer endpoint, `{ category, message, subCategory }` (e.g. INVALID_TOKEN).
 */
const TokenErrorSchema = z.object({
  status: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.string().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
});

export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string | null;
}

/**
 * A new access token from the OAuth refresh-token grant (`POST /oauth/v1/token`,
 * form-encoded: grant_type, client_id, client_secret, refresh_token). A private-app token
 * cannot be renewed: it is replaced in HubSpot, and the admin connects again. A refused
 * grant is a CRM_AUTH_FAILED whose message says what to do; it is never retried.
 */
export async function refreshHubSpotToken(
  connection: CrmConnection,
  options: { fetch: Fetch },
): Promise<HubSpotTokens> {
  if (connection.authKind !== 'refresh-token') {
    throw new AppError(
      'CRM_AUTH_FAILED',
      'HubSpot refused the private app token (rotated, deleted, or missing a scope). The sync ' +
        'is stopped: an admin must connect HubSpot again with a valid token.',
    );
  }
  const { refreshToken, clientSecret } = connection.secrets;
  if (refreshToken === undefined || clientSecret === undefined || connection.clientId === null) {
    throw new AppError(
      'CRM_AUTH_FAILED',
      'The HubSpot connection lacks a refresh token, client id or client secret: an admin ' +
        'must connect HubSpot again.',
    );
  }
  const base = connection.loginUrl ?? connection.instanceUrl;
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: connection.clientId,
    client_secret: clientSecret,
    refresh_token: refreshToken,
  });
  let response: Response;
  try {
    response = await options.fetch(`${base}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
  } catch (error: unknown) {
    throw new AppError('CRM_UNAVAILABLE', `HubSpot's token endpoint (${base}) did not answer.`, {
      cause: error,
    });
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const tokens = TokenAnswerSchema.safeParse(body);
    if (!tokens.success)
      throw new AppError('CRM_UNAVAILABLE', "HubSpot's token answer has no access token.");
    return {
      accessToken: tokens.data.access_token,
      refreshToken: tokens.data.refresh_token ?? null,
    };
  }
  if (response.status >= 500 || response.status === 429) {
    throw new AppError(
      'CRM_UNAVAILABLE',
      `HubSpot's token endpoint answered HTTP ${response.status}; the sync will try again.`,
    );
  }
  const refused = TokenErrorSchema.safeParse(body);
  const code = refused.success
    ? (refused.data.status ?? refused.data.subCategory ?? refused.data.error ?? '')
    : '';
  const why = refused.success ? (refused.data.message ?? '') : '';
  throw new AppError(
    'CRM_AUTH_FAILED',
    `HubSpot refused Rudder's refresh token (${code || `HTTP ${response.status}`}` +
      `${why ? `: ${why}` : ''}). The sync is stopped: an admin must connect HubSpot again ` +
      '(the app was uninstalled, its access revoked, or its client secret changed).',
  );
}
