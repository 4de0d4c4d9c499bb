import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../shared/app-error.js';

/**
 * PGlite has no lock of its own: two processes on one folder silently lose writes.
 * Rudder holds `rudder.lock` (created with O_EXCL) for as long as the database is open.
 * A lock whose process is gone (kill -9, power loss) is recognised and taken over.
 */
export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  /** Start time of the process (from /proc) so a recycled pid is not mistaken for the owner. */
  startTicks: string | null;
  command: string;
  since: string;
}

function processStartTicks(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return afterName[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot check another machine: assume alive
  try {
    process.kill(owner.pid, 0);
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const ticks = processStartTicks(owner.pid);
  return owner.startTicks === null || ticks === null || ticks === owner.startTicks;
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null; // half-written or unreadable: treated as stale below
  }
}

function tryCreate(path: string): boolean {
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startTicks: processStartTicks(process.pid),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  // Written aside, then linked into place: link fails if the lock exists, and a reader
  // never sees a half-written lock file.
  const draft = `${path}.new.${process.pid}`;
  const fd = openSync(draft, 'w');
  writeSync(fd, JSON.stringify(owner));
  closeSync(fd);
  try {
    linkSync(draft, path);
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'rudder.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) {
      return {
        path,
        release: () => {
          const owner = readOwner(path);
          if (owner?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    }
    const owner = readOwner(path);
    if (owner && isAlive(owner)) throw lockedError(dir, owner);
    // The owner is gone: take the lock over. Renaming is atomic, so of two processes racing
    // here only one moves the stale file; the other finds nothing and retries the create.
    const aside = `${path}.${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved && isAlive(moved)) {
      // We moved a lock someone took a moment ago: put it back and give way.
      try {
        linkSync(aside, path);
      } catch {}
      rmSync(aside, { force: true });
      throw lockedError(dir, moved);
    }
    rmSync(aside, { force: true });
  }
  throw new AppError('DATA_DIR_LOCKED', `Could not take the lock ${path}; try again.`);
}

function lockedError(dir: string, owner: LockOwner): AppError {
  return new AppError(
    'DATA_DIR_LOCKED',
    `The data folder ${dir} is in use by process ${owner.pid} on ${owner.host} ` +
      `(${owner.command}, since ${owner.since}). Stop it first, or set RUDDER_DATA_DIR ` +
      'to another folder: two processes on one embedded database would lose writes.',
  );
}
