import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { type FailedAnswer, requestWithRetry } from './request-with-retry.js';

/** An answer of that status, with these headers (the helper never reads the body). */
const answer = (status: number, headers: Record<string, string> = {}) =>
  new Response('{}', { status, headers });

const limited = new AppError('RATE_LIMITED', 'limit reached');
const refused = new AppError('CRM_AUTH_FAILED', 'token refused');
const unavailable = new AppError('CRM_UNAVAILABLE', 'answered 404');

/** A CRM that waits out 429 and 503, renews on 401, and stops on anything else. */
async function judge(response: Response): Promise<FailedAnswer> {
  if (response.status === 401) return { next: 'renew', error: refused };
  if (response.status === 429 || response.status === 503) return { next: 'wait', error: limited };
  return { next: 'stop', error: unavailable };
}

/**
 * A request answered by `script` in turn (a Response, or an Error for a dropped connection),
 * with a sleep that records instead of waiting.
 */
function scripted(script: (Response | Error)[], maxTries = 5) {
  const sent: number[] = [];
  const slept: number[] = [];
  const waits: number[] = [];
  let renewals = 0;
  const request = () =>
    requestWithRetry({
      send: async () => {
        sent.push(sent.length + 1);
        const next = script.shift();
        if (next === undefined) throw new Error('the script ran out');
        if (next instanceof Error) throw next;
        return next;
      },
      judge,
      renew: async () => {
        renewals += 1;
      },
      sleep: async (ms) => {
        slept.push(ms);
      },
      maxTries,
      waits,
    });
  return { request, sent, slept, waits, renewals: () => renewals };
}

/** What a request ended with: the status answered, or the error thrown. */
async function outcome(request: () => Promise<Response>): Promise<number | unknown> {
  try {
    return (await request()).status;
  } catch (error: unknown) {
    return error;
  }
}

describe('requestWithRetry', () => {
  it('answers an OK response at once, without waiting', async () => {
    const crm = scripted([answer(200)]);
    expect(await outcome(crm.request)).toBe(200);
    expect(crm.sent).toEqual([1]);
    expect(crm.slept).toEqual([]);
  });

  it('waits the seconds of Retry-After when a 429 names them', async () => {
    const crm = scripted([answer(429, { 'retry-after': '3' }), answer(200)]);
    expect(await outcome(crm.request)).toBe(200);
    // 3 s as milliseconds: the header is in seconds (RFC 9110).
    expect(crm.slept).toEqual([3000]);
    expect(crm.waits).toEqual([3000]);
  });

  it('doubles its wait from 1 s when a 503 names none, and gives up after maxTries', async () => {
    const crm = scripted([answer(503), answer(503), answer(503), answer(200)], 3);
    expect(await outcome(crm.request)).toBe(limited);
    // Tries 1 and 2 wait 1 s and 2 s; the third try is the last, so no third wait.
    expect(crm.sent).toEqual([1, 2, 3]);
    expect(crm.slept).toEqual([1000, 2000]);
  });

  it('gives up at once when Retry-After asks for more than a minute', async () => {
    const crm = scripted([answer(429, { 'retry-after': '61' }), answer(200)]);
    expect(await outcome(crm.request)).toBe(limited);
    expect(crm.sent).toEqual([1]);
    expect(crm.slept).toEqual([]);
  });

  it('waits exactly a minute when Retry-After says 60', async () => {
    const crm = scripted([answer(429, { 'retry-after': '60' }), answer(200)]);
    expect(await outcome(crm.request)).toBe(200);
    expect(crm.slept).toEqual([60_000]);
  });

  it('throws the judged error of a status it must not retry at once', async () => {
    const crm = scripted([answer(404), answer(200)]);
    expect(await outcome(crm.request)).toBe(unavailable);
    expect(crm.sent).toEqual([1]);
    expect(crm.slept).toEqual([]);
  });

  it('sends again after a dropped connection, with the same backoff', async () => {
    const crm = scripted([new Error('socket hang up'), new Error('ECONNRESET'), answer(200)]);
    expect(await outcome(crm.request)).toBe(200);
    expect(crm.sent).toEqual([1, 2, 3]);
    expect(crm.slept).toEqual([1000, 2000]);
  });

  it('throws the dropped connection of the last try', async () => {
    const dropped = new Error('socket hang up');
    const crm = scripted([new Error('ECONNRESET'), dropped], 2);
    expect(await outcome(crm.request)).toBe(dropped);
    expect(crm.slept).toEqual([1000]);
  });

  it('renews the token once on a 401 without counting that try, then stops on a second 401', async () => {
    // maxTries 2: the renewed try does not count, so a 429 after it may still be waited out.
    const renewed = scripted([answer(401), answer(429), answer(200)], 2);
    expect(await outcome(renewed.request)).toBe(200);
    expect(renewed.renewals()).toBe(1);
    expect(renewed.slept).toEqual([1000]);

    const revoked = scripted([answer(401), answer(401), answer(200)]);
    expect(await outcome(revoked.request)).toBe(refused);
    expect(revoked.sent).toEqual([1, 2]);
    expect(revoked.renewals()).toBe(1);
  });
});
