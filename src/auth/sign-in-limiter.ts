/**
 * Counts failed sign-ins per account (e-mail) and per client address in a sliding window.
 * It lives in the memory of one process: with several server processes each keeps its own
 * count, so the effective limit is multiplied by the number of processes (docs/visibility.md).
 */
export interface SignInLimiter {
  /** True when one of the keys reached its limit within the window. */
  isBlocked(keys: SignInKeys, now: Date): boolean;
  recordFailure(keys: SignInKeys, now: Date): void;
  /** A successful sign-in clears the account's count (never the address's). */
  clearAccount(email: string): void;
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

/** Beyond this many tracked keys, expired ones are swept so memory stays bounded. */
const sweepAbove = 10_000;

export function createSignInLimiter(
  options: SignInLimiterOptions = defaultSignInLimits,
): SignInLimiter {
  const failures = new Map<string, number[]>();
  const windowMs = options.windowMinutes * 60_000;
  const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
  const addressKey = (address: string) => `address:${address}`;
  const recent = (key: string, now: Date) => {
    const since = now.getTime() - windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  const sweep = (now: Date) => {
    if (failures.size <= sweepAbove) return;
    for (const key of [...failures.keys()]) recent(key, now);
  };
  return {
    isBlocked(keys, now) {
      return (
        recent(accountKey(keys.email), now).length >= options.perAccount ||
        recent(addressKey(keys.address), now).length >= options.perAddress
      );
    },
    recordFailure(keys, now) {
      sweep(now);
      for (const key of [accountKey(keys.email), addressKey(keys.address)]) {
        failures.set(key, [...recent(key, now), now.getTime()]);
      }
    },
    clearAccount(email) {
      failures.delete(accountKey(email));
    },
  };
}
