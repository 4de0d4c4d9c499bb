import { describe, expect, it } from 'vitest';
import { cpuGrowth } from './cpu-time.js';

describe('the CPU the database used during a load', () => {
  it("adds each process's own growth and the whole of one that started during the load", () => {
    const before = new Map([
      [100, 5.0], // a backend of the server's pool: 5.0 → 7.5 s, 2.5 s during the load
      [200, 1.0], // a background process: 1.0 → 1.25 s
    ]);
    const after = new Map([
      [100, 7.5],
      [200, 1.25],
      [300, 0.5], // started during the load: all of its 0.5 s
    ]);
    // 2.5 + 0.25 + 0.5
    expect(cpuGrowth(before, after)).toBe(3.25);
  });

  it('leaves out a process that exited during the load instead of subtracting it', () => {
    // Another test file's backend with 40 s used exits while the load runs: the sum over the
    // processes alive would fall by 40 s; the growth of those that remain is what was used.
    const before = new Map([
      [100, 5.0],
      [400, 40.0],
    ]);
    const after = new Map([[100, 6.0]]);
    expect(cpuGrowth(before, after)).toBe(1);
  });

  it('counts a reused pid as the new process it is, never backwards', () => {
    // The backend with pid 100 (9 s used) exited and a new process got its pid, 0.5 s used
    // so far: CPU time only grows, so all of the 0.5 s is new.
    expect(cpuGrowth(new Map([[100, 9.0]]), new Map([[100, 0.5]]))).toBe(0.5);
  });
});
