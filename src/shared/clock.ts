/** The only way code outside tests learns the time: injected, so tests control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const time = new Date(at);
  return { now: () => new Date(time) };
}
