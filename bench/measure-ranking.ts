// The org-wide ranking alone (buildTeamScorecard with team null, the measure of `npm run bench`)
// at the sizes and engines asked for, on the same cached bench databases as `npm run bench`,
// without the agenda, import, server and web measures that take the bulk of a full run:
//   npx tsx bench/measure-ranking.ts --size S,M --engine both [--samples 30]
// Prints one JSON line per size and engine, with the load average before and after.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSize } from './generate/generate-size.js';
import type { EngineName } from './load/bench-target.js';
import { openBenchDb } from './load/open-bench-db.js';
import { measureRankingFacts } from './measure/measure-ranking-facts.js';
import { measureScorecard } from './measure/measure-scorecard.js';
import { isSizeName } from './spec.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S,M' },
    engine: { type: 'string', default: 'both' },
    samples: { type: 'string', default: '30' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const sizes = (values.size ?? 'S,M').split(',').map((s) => s.trim().toUpperCase());
const engines: EngineName[] =
  values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine as EngineName];
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rudder_bench';
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

for (const size of sizes) {
  if (!isSizeName(size)) throw new Error(`--size: S, M or L, not ${size}`);
  const generated = await generateSize(join(root, 'bench', '.cache'), size);
  for (const engine of engines) {
    const bench = await openBenchDb({ engine, generated, databaseUrl, log });
    try {
      const loadBefore = load();
      const scorecard = await measureScorecard(bench.db, {
        samples: Number(values.samples),
        warmup: 3,
      });
      const facts = await measureRankingFacts(bench.db, {
        samples: Number(values.samples),
        warmup: 3,
      });
      const result = { size, engine, loadBefore, loadAfter: load(), ...scorecard, facts };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await bench.db.close();
    }
  }
}
