import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSize } from './generate/generate-size.js';
import type { EngineName } from './load/bench-target.js';
import { openBenchDb } from './load/open-bench-db.js';
import { measureAgenda } from './measure/measure-agenda.js';
import { isSizeName } from './spec.js';

/**
 * The agenda measure alone, on bench data loaded before (`npm run bench -- --prepare`):
 *   tsx bench/agenda-only.ts --size M --engine pglite [--samples 200]
 * Prints the statements one agenda sends, its p50/p95 and the minimal facts' in the same
 * rounds, and the load average before and after.
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    engine: { type: 'string', default: 'postgres' },
    samples: { type: 'string', default: '200' },
  },
});
const size = (values.size ?? 'M').toUpperCase();
if (!isSizeName(size)) throw new Error('--size S|M|L');
const engine = values.engine as EngineName;
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const root = fileURLToPath(new URL('..', import.meta.url));
const generated = await generateSize(join(root, 'bench', '.cache'), size);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rudder_bench';
const log = (line: string) => process.stdout.write(`${line}\n`);
const bench = await openBenchDb({ engine, generated, databaseUrl, log });
try {
  const before = loadavg()[0]?.toFixed(2);
  const samples = Number(values.samples);
  const result = await measureAgenda(bench.db, {
    reps: generated.spec.reps,
    samples,
    warmup: Math.min(20, samples),
  });
  const after = loadavg()[0]?.toFixed(2);
  log(JSON.stringify({ size, engine, load: { before, after }, ...result }, null, 2));
} finally {
  await bench.db.close();
}
