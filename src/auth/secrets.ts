import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, e-mailed links and API tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored only as their SHA-256: a leaked table opens no session. */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
