import type { Role } from '../db/schema/people.js';

/** Who is asking: a signed-in person, or a machine holding an API token on an admin's behalf. */
export interface Caller {
  orgId: string;
  personId: string;
  role: Role;
  name: string;
  email: string | null;
  /** The organization's zone: "today" (and so who is on which team now) depends on it. */
  timeZone: string;
  via: 'session' | 'api-token';
  /** The API token's id, when `via` is `api-token`. */
  tokenId?: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checked before an id from a cookie or token reaches SQL, where a bad uuid is an error. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
