import { createHash, randomBytes } from 'node:crypto';

/**
 * A feed URL's secret: `<org id>.<32 random bytes, base64url>`. The org id keeps the lookup
 * org-scoped (`org_id` leads every key); only the SHA-256 of the secret part is stored, so
 * a database dump reveals no working URL.
 */
export function newFeedToken(orgId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${orgId}.${secret}`, hash: hashSecret(secret) };
}

export function parseFeedToken(token: string): { orgId: string; hash: string } | null {
  const match =
    /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(
      token,
    );
  if (!match?.[1] || !match[2]) return null;
  return { orgId: match[1], hash: hashSecret(match[2]) };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
