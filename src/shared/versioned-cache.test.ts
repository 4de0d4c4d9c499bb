import { describe, expect, it } from 'vitest';
import { VersionedCache } from './versioned-cache.js';

/** A compute function that counts its calls. */
function counting<T>(value: T) {
  const calls = { n: 0 };
  const compute = async () => {
    calls.n += 1;
    return value;
  };
  return { calls, compute };
}

describe('VersionedCache', () => {
  it('computes once per key and version', async () => {
    const cache = new VersionedCache<{ a: number }>({ maxBytes: 1_000 });
    const { calls, compute } = counting({ a: 1 });
    expect(await cache.get('k', 7, compute)).toEqual({ a: 1 });
    expect(await cache.get('k', 7, compute)).toEqual({ a: 1 });
    expect(calls.n).toBe(1);
    // A new version: the data changed, so the value is computed again and the old one dropped.
    await cache.get('k', 8, compute);
    expect(calls.n).toBe(2);
    expect(cache.stats()).toEqual({ entries: 1, bytes: 7, hits: 1, misses: 2 });
  });

  it('keeps different keys apart', async () => {
    const cache = new VersionedCache<string>({ maxBytes: 1_000 });
    expect(await cache.get('ann', 1, async () => 'ann')).toBe('ann');
    expect(await cache.get('bob', 1, async () => 'bob')).toBe('bob');
    expect(await cache.get('ann', 1, async () => 'other')).toBe('ann');
  });

  it('drops the least recently used entries beyond its size', async () => {
    // Each value is 12 bytes of JSON ("aaaaaaaaaa" with its quotes); 30 bytes hold two.
    const cache = new VersionedCache<string>({ maxBytes: 30 });
    const ten = (c: string) => async () => c.repeat(10);
    await cache.get('a', 1, ten('a'));
    await cache.get('b', 1, ten('b'));
    await cache.get('a', 1, ten('x')); // a is now the most recently used
    await cache.get('c', 1, ten('c')); // b goes
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 24 });
    expect(await cache.get('a', 1, ten('x'))).toBe('aaaaaaaaaa');
    expect(await cache.get('b', 1, ten('y'))).toBe('yyyyyyyyyy');
  });

  it('does not keep a value larger than the whole cache', async () => {
    const cache = new VersionedCache<string>({ maxBytes: 5 });
    expect(await cache.get('a', 1, async () => 'too long')).toBe('too long');
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('keeps the newer version when an older computation finishes last', async () => {
    const cache = new VersionedCache<string>({ maxBytes: 1_000 });
    let finishOld: (value: string) => void = () => undefined;
    const old = cache.get(
      'k',
      1,
      () =>
        new Promise<string>((resolve) => {
          finishOld = resolve;
        }),
    );
    await cache.get('k', 2, async () => 'new');
    finishOld('old');
    expect(await old).toBe('old');
    expect(await cache.get('k', 2, async () => 'recomputed')).toBe('new');
  });
});
