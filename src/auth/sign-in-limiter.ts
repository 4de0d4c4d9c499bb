import type { Database } from '../db/database.js';

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

/** Thrown inside the admitting transaction to undo the count of a key that was under its limit. */
class Refused extends Error {}

/**
 * A sliding window: a key keeps the instants of its counted attempts within the last window
 * (at most its limit of them), so no span of `windowMinutes` ever holds more than the limit,
 * even across what a fixed window would call its end. The account and the address are
 * counted in one transaction that locks their rows (always the account first: no deadlock),
 * or neither is.
 */
export function createSignInLimiter(
  db: Database,
  options: SignInLimiterOptions = defaultSignInLimits,
): SignInLimiter {
  const windowStart = (now: Date) =>
    new Date(now.getTime() - options.windowMinutes * 60_000).toISOString();
  return {
    async admit(keys, now) {
      const account = accountKey(keys.email);
      try {
        await db.transaction(async (tx) => {
          // ON CONFLICT DO UPDATE locks the row and judges its WHERE on the latest committed
          // attempts; a key at its limit is left as it is and returns no row.
          const counted = await tx.query<{ key: string }>(
            `insert into sign_in_limit as l (key, attempts)
             values ($1, array[$5::timestamptz]), ($2, array[$5::timestamptz])
             on conflict (key) do update set
               attempts = array(select t from unnest(l.attempts) t where t > $6 order by t)
                          || $5::timestamptz
             where (select count(*) from unnest(l.attempts) t where t > $6)
                   < case when l.key = $1 then $3::int else $4::int end
             returning key`,
            [
              account,
              addressKey(keys.address),
              options.perAccount,
              options.perAddress,
              now.toISOString(),
              windowStart(now),
            ],
          );
          if (counted.length < 2) throw new Refused();
        });
      } catch (error) {
        if (error instanceof Refused) return false;
        throw error;
      }
      await sweep(db, windowStart(now));
      return true;
    },
    async succeeded(keys, now) {
      await db.query('delete from sign_in_limit where key = $1', [accountKey(keys.email)]);
      // Gives back one attempt of this instant (the latest; others may share it).
      await db.query(
        `update sign_in_limit
            set attempts = attempts[1:array_position(attempts, $2::timestamptz) - 1]
                        || attempts[array_position(attempts, $2::timestamptz) + 1:]
          where key = $1 and $2::timestamptz = any(attempts)`,
        [addressKey(keys.address), now.toISOString()],
      );
    },
  };
}

/**
 * Keys with no attempt left in the window count nothing: a few go with each sign-in, so the
 * table holds about the keys tried within one window. Rows another attempt holds are skipped.
 */
async function sweep(db: Database, windowStart: string): Promise<void> {
  await db.query(
    `delete from sign_in_limit where key in (
       select key from sign_in_limit l
        where not exists (select 1 from unnest(l.attempts) t where t > $1)
        limit 100 for update skip locked)`,
    [windowStart],
  );
}
