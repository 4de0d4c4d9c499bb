import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { createSignInLimiter, type SignInKeys, type SignInLimiter } from './sign-in-limiter.js';

describe(`the sign-in limiter (${testEngine})`, () => {
  const at = (minutes: number, seconds = 0) =>
    new Date(Date.UTC(2026, 2, 15, 12, minutes, seconds));
  const keys = { email: 'Pat@Example.test', address: '10.0.0.1' };
  let db: Database;

  beforeAll(async () => {
    db = await createTestDb();
  });
  beforeEach(async () => {
    await db.query('delete from sign_in_limit');
  });
  afterAll(async () => {
    await db.close();
  });

  /** How many attempts a key holds (in or out of the window). */
  const held = async (key: string) => {
    const [row] = await db.query<{ n: number }>(
      'select cardinality(attempts) as n from sign_in_limit where key = $1',
      [key],
    );
    return row?.n ?? 0;
  };
  /** How many of `times` attempts sent at once are admitted. */
  const admitted = async (limiter: SignInLimiter, who: SignInKeys, now: Date, times: number) => {
    const answers = await Promise.all(Array.from({ length: times }, () => limiter.admit(who, now)));
    return answers.filter((a) => a).length;
  };

  it('admits an account up to its limit within the window, whatever the case of the e-mail', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 3, perAddress: 100, windowMinutes: 15 });
    const answers: boolean[] = [];
    for (let i = 0; i < 4; i += 1)
      answers.push(
        await limiter.admit(
          { email: i % 2 ? 'pat@example.test' : keys.email, address: `10.0.0.${i}` },
          at(i),
        ),
      );
    expect(answers).toEqual([true, true, true, false]);
    expect(await held('account:pat@example.test')).toBe(3);
  });

  it('slides its window: a burst across the end of a fixed window stays within the limit', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 5, perAddress: 100, windowMinutes: 15 });
    // One attempt at 12:00 and four at 12:14:50. A fixed window opened at 12:00 would restart
    // at 12:15 and admit five more there: nine in 20 seconds.
    expect(await limiter.admit(keys, at(0))).toBe(true);
    expect(await admitted(limiter, keys, at(14, 50), 4)).toBe(4);
    // 12:15:00: the 12:00 attempt has left the window (it is exactly 15 minutes old), the four
    // have not: one more, then no more.
    expect(await limiter.admit(keys, at(15))).toBe(true);
    expect(await limiter.admit(keys, at(15, 10))).toBe(false);
    expect(await limiter.admit(keys, at(29, 49))).toBe(false);
    // 12:29:51: the four of 12:14:50 have left; the one of 12:15 has not.
    expect(await admitted(limiter, keys, at(29, 51), 5)).toBe(4);
    expect(await held('account:pat@example.test')).toBe(5);
  });

  it('does not count refused attempts, so hammering does not prolong a block', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 2, perAddress: 100, windowMinutes: 15 });
    expect(await admitted(limiter, keys, at(0), 2)).toBe(2);
    for (let minute = 1; minute < 15; minute += 1)
      expect(await limiter.admit(keys, at(minute))).toBe(false);
    expect(await held('account:pat@example.test')).toBe(2);
    expect(await held('address:10.0.0.1')).toBe(2);
    expect(await limiter.admit(keys, at(15))).toBe(true);
  });

  it('refuses an address that tries many accounts, and counts nothing for a refused account', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 1, perAddress: 3, windowMinutes: 15 });
    for (const email of ['a@x.test', 'b@x.test', 'c@x.test'])
      expect(await limiter.admit({ email, address: '10.0.0.1' }, at(0))).toBe(true);
    expect(await limiter.admit({ email: 'd@x.test', address: '10.0.0.1' }, at(1))).toBe(false);
    // The address's refusal left d's account uncounted.
    expect(await held('account:d@x.test')).toBe(0);
    expect(await limiter.admit({ email: 'd@x.test', address: '10.0.0.2' }, at(1))).toBe(true);
    // The account's refusal left the address uncounted.
    expect(await limiter.admit({ email: 'd@x.test', address: '10.0.0.3' }, at(2))).toBe(false);
    expect(await held('address:10.0.0.3')).toBe(0);
  });

  it('clears the account and gives the address its attempt back after a right password', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 3, perAddress: 5, windowMinutes: 15 });
    expect(await limiter.admit(keys, at(0))).toBe(true);
    expect(await limiter.admit(keys, at(1))).toBe(true);
    // The right password at 12:02.
    expect(await limiter.admit(keys, at(2))).toBe(true);
    await limiter.succeeded(keys, at(2));
    expect(await held('account:pat@example.test')).toBe(0);
    // The address keeps the two attempts of 12:00 and 12:01, not the successful one.
    const [row] = await db.query<{ attempts: string }>(
      `select array_to_string(array(select to_char(t at time zone 'UTC', 'HH24:MI')
                                      from unnest(attempts) t), ',') as attempts
         from sign_in_limit where key = 'address:10.0.0.1'`,
    );
    expect(row?.attempts).toBe('12:00,12:01');
    expect(await admitted(limiter, keys, at(3), 4)).toBe(3);
  });

  it('admits exactly the limit when the attempts of two limiters on the database come at once', async () => {
    // Two limiters on one database: two server processes.
    const limits = { perAccount: 6, perAddress: 100, windowMinutes: 15 };
    const servers = [createSignInLimiter(db, limits), createSignInLimiter(db, limits)];
    const answers = await Promise.all(
      Array.from({ length: 14 }, (_, i) => servers[i % 2]?.admit(keys, at(0))),
    );
    expect(answers.filter((a) => a === true)).toHaveLength(6);
    expect(answers.filter((a) => a === false)).toHaveLength(8);
    expect(await held('account:pat@example.test')).toBe(6);
    expect(await held('address:10.0.0.1')).toBe(6);
  });

  it('sweeps keys with no attempt left in the window', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 5, perAddress: 20, windowMinutes: 15 });
    await limiter.admit({ email: 'old@x.test', address: '10.0.0.7' }, at(0));
    await limiter.admit(keys, at(20));
    const rows = await db.query<{ key: string }>('select key from sign_in_limit order by key');
    expect(rows.map((r) => r.key)).toEqual(['account:pat@example.test', 'address:10.0.0.1']);
  });
});
