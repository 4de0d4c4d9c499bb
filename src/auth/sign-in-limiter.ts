import type { Queryable } from '../db/database.js';

/**
 * Counts failed sign-ins per account (e-mail) and per client address in the database table
 * `sign_in_limit`, so every server process on one database counts the same failures: N
 * servers enforce the limit of one (issue #26; docs/scaling.md).
 */
export interface SignInLimiter {
  /** True when one of the keys reached its limit within the window. */
  isBlocked(keys: SignInKeys, now: Date): Promise<boolean>;
  recordFailure(keys: SignInKeys, now: Date): Promise<void>;
  /** A successful sign-in clears the account's count (never the address's). */
  clearAccount(email: string): Promise<void>;
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
 * Fixed windows: a key's window starts with its first failure and its count restarts once
 * the window is over. Each failure is one atomic upsert, so failures recorded at once by
 * several servers are all counted. (A burst across a window's end can reach twice the limit
 * in a short time; still a bound, and one that no number of servers raises.)
 */
export function createSignInLimiter(
  db: Queryable,
  options: SignInLimiterOptions = defaultSignInLimits,
): SignInLimiter {
  const windowStart = (now: Date) =>
    new Date(now.getTime() - options.windowMinutes * 60_000).toISOString();
  return {
    async isBlocked(keys, now) {
      const rows = await db.query(
        `select 1 from sign_in_limit
          where window_start > $1
            and ((key = $2 and failures >= $3) or (key = $4 and failures >= $5))
          limit 1`,
        [
          windowStart(now),
          accountKey(keys.email),
          options.perAccount,
          addressKey(keys.address),
          options.perAddress,
        ],
      );
      return rows.length > 0;
    },
    async recordFailure(keys, now) {
      await db.query(
        `insert into sign_in_limit as l (key, window_start, failures)
         values ($1, $3, 1), ($2, $3, 1)
         on conflict (key) do update set
           window_start = case when l.window_start <= $4 then excluded.window_start
                               else l.window_start end,
           failures = case when l.window_start <= $4 then 1 else l.failures + 1 end`,
        [accountKey(keys.email), addressKey(keys.address), now.toISOString(), windowStart(now)],
      );
      // Keys whose window is over count nothing: a few go with each failure, so the table
      // holds about the keys that failed within one window.
      await db.query(
        `delete from sign_in_limit where key in (
           select key from sign_in_limit where window_start <= $1 limit 100)`,
        [windowStart(now)],
      );
    },
    async clearAccount(email) {
      await db.query('delete from sign_in_limit where key = $1', [accountKey(email)]);
    },
  };
}
