import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRepFacts } from '../src/db/facts/load-rep-facts.js';
import { loadOrgContext } from '../src/db/facts/org-context.js';
import { loadRepFactsInParts } from '../src/db/facts/test-rep-facts-in-parts.js';
import { createRandom } from '../src/demo/random.js';
import { generateSize } from './generate/generate-size.js';
import { benchOrgId, repId } from './generate/ids.js';
import type { EngineName } from './load/bench-target.js';
import { openBenchDb } from './load/open-bench-db.js';
import { measureAgenda } from './measure/measure-agenda.js';
import { summarize, timed } from './measure/stats.js';
import { runMinimalQueries } from './minimal-queries.js';
import { benchAsOf, isSizeName } from './spec.js';

/**
 * The agenda measure alone, on bench data loaded before (`npm run bench -- --prepare`):
 *   tsx bench/agenda-only.ts --size M --engine pglite [--samples 200]
 * Prints the statements one agenda sends, its p50/p95 and the minimal facts' in the same
 * rounds, and the load average before and after. With --facts, the facts alone, in the same
 * rounds (rotating order): the sixteen queries the agenda used before (kept for the tests,
 * run one after another as before: concurrently, PGlite serialising them), the one
 * statement, and the minimal facts.
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    engine: { type: 'string', default: 'postgres' },
    samples: { type: 'string', default: '200' },
    facts: { type: 'boolean', default: false },
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
  if (values.facts === true) {
    const loadBefore = loadavg()[0]?.toFixed(2);
    const org = await loadOrgContext(bench.db, benchOrgId);
    const random = createRandom(0xfac7);
    const loaders: Record<'parts' | 'one' | 'minimal', (personId: string) => Promise<unknown>> = {
      parts: (personId: string) =>
        loadRepFactsInParts(bench.db, { org, personId, asOf: benchAsOf }),
      one: (personId: string) => loadRepFacts(bench.db, { org, personId, asOf: benchAsOf }),
      minimal: (personId: string) =>
        runMinimalQueries(bench.db, { org, personId, asOf: benchAsOf }),
    };
    const names = Object.keys(loaders) as Array<keyof typeof loaders>;
    const ms: Record<keyof typeof loaders, number[]> = { parts: [], one: [], minimal: [] };
    for (let i = 0; i < samples + 20; i += 1) {
      const personId = repId(random.int(0, generated.spec.reps - 1));
      for (let k = 0; k < names.length; k += 1) {
        const name = names[(i + k) % names.length] as keyof typeof loaders;
        const t = await timed(() => loaders[name](personId));
        if (i >= 20) ms[name].push(t.ms);
      }
    }
    const facts = Object.fromEntries(names.map((n) => [n, summarize(ms[n])]));
    log(
      JSON.stringify(
        { facts, load: { before: loadBefore, after: loadavg()[0]?.toFixed(2) } },
        null,
        2,
      ),
    );
  }
} finally {
  await bench.db.close();
}
