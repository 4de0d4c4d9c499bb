import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process has used, from /proc; 0 when it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command's closing parenthesis: state is the 1st, utime the 12th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by each `postgres` process of this machine (the server's backends
 * and its background processes), by pid.
 */
export function postgresCpuByProcess(): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    used.set(Number(entry), processCpuSeconds(Number(entry)));
  }
  return used;
}

/**
 * The CPU seconds processes used between two readings: each one's own growth, and the whole
 * of one that started in between (a pid whose CPU went down was reused by a new process: CPU
 * time only grows). One that exited in between is left out: subtracting what it had used
 * before would make the total wrong, even negative, when other work on the same server (a
 * test suite's databases and backends) comes and goes during the load.
 */
export function cpuGrowth(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) {
    const earlier = before.get(pid) ?? 0;
    total += seconds >= earlier ? seconds - earlier : seconds;
  }
  return total;
}

/** Where a load's CPU went, per request: the server process, PostgreSQL, the load generator. */
export interface CpuPerRequest {
  serverMs: number;
  /** null on PGlite (the database runs inside the server process). */
  databaseMs: number | null;
  loadGeneratorMs: number;
}

/** Runs `work` and divides the CPU each side used by the requests it completed. */
export async function cpuPerRequest<T extends { requests: number }>(
  serverPid: number,
  withDatabase: boolean,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: CpuPerRequest | null }> {
  const server = processCpuSeconds(serverPid);
  const database = withDatabase ? postgresCpuByProcess() : new Map<number, number>();
  const self = process.cpuUsage();
  const result = await work();
  if (result.requests === 0) return { result, cpu: null };
  const own = process.cpuUsage(self);
  const perRequest = (seconds: number) =>
    Math.round(((seconds * 1000) / result.requests) * 1000) / 1000;
  return {
    result,
    cpu: {
      serverMs: perRequest(processCpuSeconds(serverPid) - server),
      databaseMs: withDatabase ? perRequest(cpuGrowth(database, postgresCpuByProcess())) : null,
      loadGeneratorMs: perRequest((own.user + own.system) / 1e6),
    },
  };
}
