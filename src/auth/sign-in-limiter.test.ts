import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { createSignInLimiter } from './sign-in-limiter.js';

describe(`the sign-in limiter (${testEngine})`, () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 15, 12, minutes));
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

  it('blocks an account after its limit within the window, whatever the case of the e-mail', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 3, perAddress: 100, windowMinutes: 15 });
    for (let i = 0; i < 3; i += 1) {
      expect(
        await limiter.isBlocked({ email: 'pat@example.test', address: '10.9.9.9' }, at(i)),
      ).toBe(false);
      await limiter.recordFailure({ ...keys, address: `10.0.0.${i}` }, at(i));
    }
    expect(await limiter.isBlocked({ email: 'pat@example.test', address: '10.9.9.9' }, at(3))).toBe(
      true,
    );
  });

  it('forgets failures once the window that the first one opened is over', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 2, perAddress: 100, windowMinutes: 15 });
    await limiter.recordFailure(keys, at(0));
    await limiter.recordFailure(keys, at(1));
    expect(await limiter.isBlocked(keys, at(14))).toBe(true);
    expect(await limiter.isBlocked(keys, at(15))).toBe(false);
    // A failure after the window starts a new count of one, not three.
    await limiter.recordFailure(keys, at(16));
    expect(await limiter.isBlocked(keys, at(17))).toBe(false);
    const rows = await db.query<{ key: string; window_start: string; failures: number }>(
      'select key, window_start, failures from sign_in_limit order by key',
    );
    expect(rows).toEqual([
      { key: 'account:pat@example.test', window_start: at(16).toISOString(), failures: 1 },
      { key: 'address:10.0.0.1', window_start: at(16).toISOString(), failures: 1 },
    ]);
  });

  it('blocks an address that tries many accounts', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 100, perAddress: 3, windowMinutes: 15 });
    for (const email of ['a@x.test', 'b@x.test', 'c@x.test'])
      await limiter.recordFailure({ email, address: '10.0.0.1' }, at(0));
    expect(await limiter.isBlocked({ email: 'd@x.test', address: '10.0.0.1' }, at(1))).toBe(true);
    expect(await limiter.isBlocked({ email: 'd@x.test', address: '10.0.0.2' }, at(1))).toBe(false);
  });

  it('clears the account (not the address) after a successful sign-in', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 1, perAddress: 2, windowMinutes: 15 });
    await limiter.recordFailure(keys, at(0));
    await limiter.clearAccount('pat@example.test');
    expect(await limiter.isBlocked({ ...keys, address: '10.0.0.9' }, at(1))).toBe(false);
    await limiter.recordFailure(keys, at(1));
    expect(await limiter.isBlocked({ email: 'other@x.test', address: keys.address }, at(2))).toBe(
      true,
    );
  });

  it('counts the failures of every limiter on the database as one, even when they come at once', async () => {
    // Two limiters on one database: two server processes.
    const limits = { perAccount: 6, perAddress: 100, windowMinutes: 15 };
    const servers = [createSignInLimiter(db, limits), createSignInLimiter(db, limits)];
    await Promise.all([0, 1, 2, 3, 4].map((i) => servers[i % 2]?.recordFailure(keys, at(0))));
    expect(await servers[0]?.isBlocked(keys, at(1))).toBe(false);
    await servers[1]?.recordFailure(keys, at(1));
    expect(await servers[0]?.isBlocked(keys, at(2))).toBe(true);
    const [row] = await db.query<{ failures: number }>(
      "select failures from sign_in_limit where key = 'account:pat@example.test'",
    );
    expect(row?.failures).toBe(6);
  });

  it('sweeps keys whose window is over', async () => {
    const limiter = createSignInLimiter(db, { perAccount: 5, perAddress: 20, windowMinutes: 15 });
    await limiter.recordFailure({ email: 'old@x.test', address: '10.0.0.7' }, at(0));
    await limiter.recordFailure(keys, at(20));
    const rows = await db.query<{ key: string }>('select key from sign_in_limit order by key');
    expect(rows.map((r) => r.key)).toEqual(['account:pat@example.test', 'address:10.0.0.1']);
  });
});
