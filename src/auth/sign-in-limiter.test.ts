import { describe, expect, it } from 'vitest';
import { createSignInLimiter } from './sign-in-limiter.js';

describe('createSignInLimiter', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 15, 12, minutes));
  const keys = { email: 'Pat@Example.test', address: '10.0.0.1' };

  it('blocks an account after its limit within the window, whatever the case of the e-mail', () => {
    const limiter = createSignInLimiter({ perAccount: 3, perAddress: 100, windowMinutes: 15 });
    for (let i = 0; i < 3; i += 1)
      limiter.recordFailure({ ...keys, address: `10.0.0.${i}` }, at(i));
    expect(limiter.isBlocked({ email: 'pat@example.test', address: '10.9.9.9' }, at(3))).toBe(true);
  });

  it('forgets failures older than the window', () => {
    const limiter = createSignInLimiter({ perAccount: 2, perAddress: 100, windowMinutes: 15 });
    limiter.recordFailure(keys, at(0));
    limiter.recordFailure(keys, at(1));
    expect(limiter.isBlocked(keys, at(10))).toBe(true);
    expect(limiter.isBlocked(keys, at(17))).toBe(false);
  });

  it('blocks an address that tries many accounts', () => {
    const limiter = createSignInLimiter({ perAccount: 100, perAddress: 3, windowMinutes: 15 });
    for (const email of ['a@x.test', 'b@x.test', 'c@x.test'])
      limiter.recordFailure({ email, address: '10.0.0.1' }, at(0));
    expect(limiter.isBlocked({ email: 'd@x.test', address: '10.0.0.1' }, at(1))).toBe(true);
    expect(limiter.isBlocked({ email: 'd@x.test', address: '10.0.0.2' }, at(1))).toBe(false);
  });

  it('clears the account (not the address) after a successful sign-in', () => {
    const limiter = createSignInLimiter({ perAccount: 1, perAddress: 2, windowMinutes: 15 });
    limiter.recordFailure(keys, at(0));
    limiter.clearAccount('pat@example.test');
    expect(limiter.isBlocked({ ...keys, address: '10.0.0.9' }, at(1))).toBe(false);
    limiter.recordFailure(keys, at(1));
    expect(limiter.isBlocked({ email: 'other@x.test', address: keys.address }, at(2))).toBe(true);
  });
});
