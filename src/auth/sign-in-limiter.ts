import type { Queryable } from '../db/database.js';

/**
 * Limits sign-in attempts per account (e-mail) and per client address in the database table
 * `sign_in_limit`, so every server process on one database counts the same attempts: N
 * servers enforce the limit of one (issue #26; docs/scaling.md).
 *
 * An attempt is counted BEFORE the password is checked, in one atomic step that also decides
 * whether it may go on: attempts sent in parallel (to one server or to several) are admitted
 * exactly up to the limit, never more.
 */
export interface SignInLimiter {
  /**
   * Counts one attempt for the account and the address, unless either already has its limit
   * of attempts within the window that ends at `now`: then nothing is counted and the answer
   * is false (refused attempts do not prolong a block).
   */
  admit(keys: SignInKeys, now: Date): Promise<boolean>;
  /**
   * The password was right: the account's attempts are cleared and the address gets this
   * attempt back, so a successful sign-in costs no one a try.
   */
  succeeded(keys: SignInKeys, now: Date): Promise<void>;
}

export interface SignInKeys {
  email: string;
  address: string;
}

export interface SignInLimiterOptions {
  perAccount: number;
  perAddress: number;
  windowMinutes: number;
}

export const defaultSignInLimits: SignInLimiterOptions = {
  perAccount: 5,
  perAddress: 20,
  windowMinutes: 15,
};

/** Keys are organization-free: one e-mail may open several organizations. */
const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

/**
 * A sliding window: a key keeps the instants of its counted attempts within the last window
 * (at most its limit of them), so no span of `windowMinutes` ever holds more than the limit,
 * even across what a fixed window would call its end. The account and the address are
 * counted together or not at all, in one statement (`rudder_sign_in_admit`, migration 0017)
 * that locks both rows: one round trip, as the check alone used to be.
 */
export function createSignInLimiter(
  db: Queryable,
  options: SignInLimiterOptions = defaultSignInLimits,
): SignInLimiter {
  const windowStart = (now: Date) =>
    new Date(now.getTime() - options.windowMinutes * 60_000).toISOString();
  return {
    async admit(keys, now) {
      const [row] = await db.query<{ admitted: boolean }>(
        'select rudder_sign_in_admit($1, $2, $3, $4, $5, $6) as admitted',
        [
          accountKey(keys.email),
          addressKey(keys.address),
          options.perAccount,
          options.perAddress,
          now.toISOString(),
          windowStart(now),
        ],
      );
      return row?.admitted === true;
    },
    async succeeded(keys, now) {
      // One statement: the account's attempts go, and the address gives back one attempt of
      // this instant (others may share it).
      await db.query(
        `with cleared as (delete from sign_in_limit where key = $1)
         update sign_in_limit
            set attempts = attempts[1:array_position(attempts, $3::timestamptz) - 1]
                        || attempts[array_position(attempts, $3::timestamptz) + 1:]
          where key = $2 and $3::timestamptz = any(attempts)`,
        [accountKey(keys.email), addressKey(keys.address), now.toISOString()],
      );
    },
  };
}
