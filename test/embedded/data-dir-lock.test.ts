import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnTs } from './spawn-rudder.js';

const dir = mkdtempSync(join(tmpdir(), 'rudder-lock-'));
const env = { RUDDER_DATA_DIR: dir, PORT: '0' };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data folder lock', () => {
  it('refuses a second server on the same folder and takes over a lock left by kill -9', async () => {
    const first = spawnTs('src/cli/index.ts', ['serve'], env);
    await first.waitFor('Rudder is running', 60_000);

    const second = spawnTs('src/cli/index.ts', ['serve'], env);
    const code = await second.exited;
    expect(code).toBe(1);
    expect(second.output()).toContain(`in use by process ${first.child.pid}`);
    expect(second.output()).not.toContain('Rudder is running');

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const third = spawnTs('src/cli/index.ts', ['serve'], env);
    await third.waitFor('Rudder is running', 60_000);
    third.child.kill('SIGTERM');
    // SIGTERM: checkpoint, close, release the lock, exit 0.
    expect(await third.exited).toBe(0);
    expect(third.output()).toContain('SIGTERM received');
  });
});
