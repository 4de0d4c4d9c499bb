import { describe, expect, it } from 'vitest';
import { startHeartbeat } from './heartbeat.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startHeartbeat', () => {
  it('renews until stopped, and renews no more after stop resolves', async () => {
    let renewals = 0;
    const heartbeat = startHeartbeat({
      everyMs: 10,
      renew: async () => {
        renewals += 1;
        return true;
      },
    });
    await sleep(150);
    await heartbeat.stop();
    const atStop = renewals;
    expect(atStop).toBeGreaterThanOrEqual(2);
    await sleep(50);
    expect(renewals).toBe(atStop);
    expect(heartbeat.signal.aborted).toBe(false);
  });

  it('aborts its signal and stops renewing when a renewal finds the lease taken over', async () => {
    const answers = [true, false, true];
    let renewals = 0;
    const heartbeat = startHeartbeat({
      everyMs: 10,
      renew: async () => answers[renewals++] ?? true,
    });
    await sleep(150);
    expect(heartbeat.signal.aborted).toBe(true);
    expect(renewals).toBe(2);
    await heartbeat.stop();
  });

  it('keeps renewing after a renewal that failed, reporting the error', async () => {
    const errors: unknown[] = [];
    let renewals = 0;
    const heartbeat = startHeartbeat({
      everyMs: 10,
      renew: async () => {
        renewals += 1;
        if (renewals === 1) throw new Error('connection reset');
        return true;
      },
      onError: (error) => errors.push(error),
    });
    await sleep(150);
    await heartbeat.stop();
    expect(errors.map((e) => (e as Error).message)).toEqual(['connection reset']);
    expect(renewals).toBeGreaterThanOrEqual(2);
    expect(heartbeat.signal.aborted).toBe(false);
  });
});
