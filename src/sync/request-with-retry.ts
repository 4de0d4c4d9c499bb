import { type AppError, unreachable } from '../shared/app-error.js';

/**
 * What a CRM makes of an answer that is not OK:
 * - `renew`: the access token may have expired; renew it once and ask again (that try is
 *   not counted), and if it is refused again, `error`;
 * - `wait`: a rate limit; wait (Retry-After, else a doubling backoff) and ask again, or
 *   `error` when the tries run out or the wait is longer than Rudder accepts;
 * - `stop`: `error` at once.
 */
export type FailedAnswer =
  | { next: 'renew'; error: AppError }
  | { next: 'wait'; error: AppError }
  | { next: 'stop'; error: AppError };

export interface RequestWithRetryOptions {
  /** One request; throws when the connection drops (a read is safe to repeat). */
  send: () => Promise<Response>;
  /** Reads a failed answer (its body included) and says what comes next. */
  judge: (response: Response) => Promise<FailedAnswer>;
  /** A new access token, after which the request is sent again. */
  renew: () => Promise<void>;
  /** Waits between tries; tests pass one that records instead of waiting. */
  sleep: (ms: number) => Promise<void>;
  /** Tries of one request that meets a rate limit or a dropped connection before giving up. */
  maxTries: number;
  /** Each wait taken is added here, for the run's record. */
  waits: number[];
}

/** Longest wait Rudder accepts between tries; a longer Retry-After ends the run instead. */
export const MAX_WAIT_MS = 60_000;

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One CRM request, tried again where trying again helps: a dropped connection and a rate
 * limit after a wait, an expired token after renewing it once. Answers the OK response, or
 * throws the error the CRM judged the failure to be.
 */
export async function requestWithRetry(options: RequestWithRetryOptions): Promise<Response> {
  let renewed = false;
  for (let tries = 1; ; tries += 1) {
    const response = await options.send().catch(async (error: unknown) => {
      // A dropped connection (an idle keep-alive socket the server closed while a batch
      // merged, a network blip): the same backoff as a rate limit without Retry-After.
      if (tries >= options.maxTries) throw error;
      await wait(options, waitOf(null, tries));
      return null;
    });
    if (response === null) continue;
    if (response.ok) return response;
    const failed = await options.judge(response);
    switch (failed.next) {
      case 'renew':
        if (renewed) throw failed.error;
        renewed = true;
        await options.renew();
        tries -= 1;
        continue;
      case 'wait': {
        const ms = waitOf(response.headers.get('retry-after'), tries);
        if (tries >= options.maxTries || ms > MAX_WAIT_MS) throw failed.error;
        await wait(options, ms);
        continue;
      }
      case 'stop':
        throw failed.error;
      default:
        return unreachable(failed);
    }
  }
}

async function wait(options: RequestWithRetryOptions, ms: number): Promise<void> {
  options.waits.push(ms);
  await options.sleep(ms);
}

/** Retry-After in seconds (RFC 9110), else 1 s, 2 s, 4 s, … */
function waitOf(retryAfter: string | null, tries: number): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return 1000 * 2 ** (tries - 1);
}
