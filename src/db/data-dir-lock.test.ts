import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { lockDataDir } from './data-dir-lock.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function freshDir() {
  dir = mkdtempSync(join(tmpdir(), 'rudder-lock-unit-'));
  return dir;
}

describe('lockDataDir', () => {
  it('refuses a second holder while the first holds the lock', () => {
    const folder = freshDir();
    const lock = lockDataDir(folder);
    expect(() => lockDataDir(folder)).toThrowError(AppError);
    expect(() => lockDataDir(folder)).toThrow(`in use by process ${process.pid}`);
    lock.release();
    const again = lockDataDir(folder);
    expect(JSON.parse(readFileSync(again.path, 'utf8')).pid).toBe(process.pid);
    again.release();
  });

  it('takes over a lock whose process no longer exists', () => {
    const folder = freshDir();
    // A pid that surely ended: a child that has already exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(
      join(folder, 'rudder.lock'),
      JSON.stringify({ pid: gone, host: hostname(), startTicks: '1', command: 'x', since: '' }),
    );
    const lock = lockDataDir(folder);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('treats an unreadable lock file as stale', () => {
    const folder = freshDir();
    writeFileSync(join(folder, 'rudder.lock'), '{half-writ');
    const lock = lockDataDir(folder);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
