import { createHash } from 'node:crypto';

/** A seeded pseudo-random source: the demo must come out the same for the same `now`. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Integer uniform in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: tiny, fast and good enough for demo data (not for anything secret). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
  return random;
}

const DEMO_SEED = 0x5eed_2026;

/**
 * One independent stream per key (a rep, a table): changing how much randomness one rep
 * consumes does not reshuffle every other rep's numbers.
 */
export function randomFor(key: string): Random {
  return createRandom(DEMO_SEED ^ createHash('sha256').update(key).digest().readUInt32BE(0));
}

/**
 * A stable UUID (v4 layout) for a demo row. Deterministic ids make two seeds with the same
 * `now` identical row for row, and keep links (URLs, calendar UIDs) stable across resets.
 */
export function demoId(key: string): string {
  const hex = createHash('sha256').update(`rudder-demo:${key}`).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Rounds cents to whole hundreds of dollars, as sales teams quote deals. */
export function roundToHundredDollars(cents: number): number {
  return Math.round(cents / 10_000) * 10_000;
}

/**
 * Splits `total` (a multiple of $100) into `count` uneven parts that add up exactly, so a
 * month's closed-won deals hit the attainment a profile documents.
 */
export function splitAmount(options: { total: number; count: number; random: Random }): number[] {
  const { total, count, random } = options;
  const weights = Array.from({ length: count }, () => random.between(0.6, 1.4));
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const parts = weights.map((w) => roundToHundredDollars((total * w) / weightSum));
  const residual = total - parts.reduce((sum, p) => sum + p, 0);
  const largest = parts.indexOf(Math.max(...parts));
  parts[largest] = (parts[largest] ?? 0) + residual;
  return parts;
}
