import { spawnSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type EngineName, serverVersion } from './load/bench-target.js';
import { measuredCode } from './measure/product.js';
import { type BenchResults, toResults, writeResults } from './report/write-results.js';
import { type BenchRun, prepareBench, runBench } from './run-bench.js';
import { isSizeName, type SizeName, sizeNames } from './spec.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BenchCliOptions {
  args: readonly string[];
  /** Where results.json and RESULTS.md go (default bench/; quick runs: bench/.cache/quick). */
  outDir?: string;
  cacheDir?: string;
  log?: (line: string) => void;
}

/**
 * `npm run bench [-- --quick] [--size S,M,L] [--engine pglite|postgres|both]`: generates (or
 * reuses) the bench organizations, measures both engines side by side, writes the results.
 * `--prepare` only generates and loads them (minutes of CPU at bench-L that need no quiet
 * machine), so that the measuring run can start at once when the machine is quiet.
 */
export async function benchMain(options: BenchCliOptions): Promise<BenchResults | null> {
  const { values } = parseArgs({
    args: [...options.args],
    options: {
      quick: { type: 'boolean', default: false },
      prepare: { type: 'boolean', default: false },
      size: { type: 'string' },
      engine: { type: 'string', default: 'both' },
      out: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const sizes = (values.size ?? (quick ? 'S' : sizeNames.join(',')))
    .split(',')
    .map((s) => s.trim().toUpperCase());
  if (!sizes.every(isSizeName))
    throw new Error(`--size: expected S, M or L (comma-separated), got ${values.size}`);
  const engine = values.engine ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(engine))
    throw new Error(`--engine: pglite, postgres or both, not ${engine}`);
  const engines: EngineName[] = engine === 'both' ? ['pglite', 'postgres'] : [engine as EngineName];
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rudder_bench';
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cacheDir = options.cacheDir ?? join(root, 'bench', '.cache');
  const outDir =
    values.out ?? options.outDir ?? (quick ? join(cacheDir, 'quick') : join(root, 'bench'));
  await mkdir(outDir, { recursive: true });
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const postgres = engines.includes('postgres') ? await serverVersion(admin.toString()) : null;
  const pgliteManifest = JSON.parse(
    await readFile(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as { version: string };
  const started = new Date();
  const loadAtStart = Number(loadavg()[0]?.toFixed(2));
  const report = (run: BenchRun) =>
    toResults({
      date: started.toISOString(),
      command: `npm run bench${options.args.length > 0 ? ` -- ${options.args.join(' ')}` : ''}`,
      quick,
      machine: {
        nproc: availableParallelism(),
        memoryGb: Math.round(totalmem() / 2 ** 30),
        cpu: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        pglite: pgliteManifest.version,
        postgres,
        loadAverage: { start: loadAtStart, end: Number(loadavg()[0]?.toFixed(2)) },
        code: measuredCode(),
      },
      run,
    });
  const findings = join(root, 'bench', 'findings.md');
  if (values.prepare === true) {
    await prepareBench({ sizes: sizes as SizeName[], engines, cacheDir, databaseUrl, log });
    log('Prepared: the measuring run will reuse these caches.');
    return null;
  }
  // A measuring run measures the product as `npm start` runs it: built now, from this source.
  if (!quick) build(log);
  const run = await runBench({
    sizes: sizes as SizeName[],
    engines,
    quick,
    cacheDir,
    databaseUrl,
    root,
    log,
    // A long run leaves its results so far behind if it is interrupted.
    onProgress: (partial) => writeResults(outDir, report(partial), findings),
  });
  const results = report(run);
  await writeResults(outDir, results, findings);
  log(`Wrote ${join(outDir, 'results.json')} and RESULTS.md`);
  return results;
}

function build(log: (line: string) => void): void {
  log('Building the product (npm run build)…');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('npm run build failed: run it to see why');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchMain({ args: process.argv.slice(2) }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
