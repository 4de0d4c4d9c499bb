import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coreViolations, importCycles, readImportGraph } from './import-graph.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A small tree on disk, read back relative to its root the way the real one is. */
function graphOf(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'rudder-graph-'));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const cwd = process.cwd();
  process.chdir(root);
  try {
    return readImportGraph('src');
  } finally {
    process.chdir(cwd);
  }
}

describe('the import check', () => {
  it('finds a cycle through three files, type-only and re-exports included', () => {
    const graph = graphOf({
      'src/a/one.ts': "import type { Two } from '../b/two.js';\nexport type One = Two;",
      'src/b/two.ts': "export { three } from './three.js';\nexport type Two = string;",
      'src/b/three.ts': "import '../a/one.js';\nexport const three = 3;",
      'src/c/four.ts': "import { three } from '../b/three.js';\nexport const four = three + 1;",
    });
    expect(importCycles(graph)).toEqual([['src/a/one.ts', 'src/b/three.ts', 'src/b/two.ts']]);
  });

  it('finds a dynamic import back to its importer, and nothing in a tree without cycles', () => {
    const cyclic = graphOf({
      'src/x.ts': "export const load = () => import('./y.js');",
      'src/y.tsx': "import { load } from './x.js';\nexport const y = load;",
    });
    expect(importCycles(cyclic)).toEqual([['src/x.ts', 'src/y.tsx']]);
    const acyclic = graphOf({
      'src/x.ts': "import { y } from './y.js';\nexport const x = y;",
      'src/y.ts': "import { z } from './lib/index.js';\nexport const y = z;",
      'src/lib/index.ts': 'export const z = 1;',
    });
    expect(importCycles(acyclic)).toEqual([]);
  });

  it('names what the core and shared import beyond zod, the core and shared', () => {
    const graph = graphOf({
      'src/core/results.ts':
        "import { z } from 'zod';\nimport { days } from './days.js';\nimport { fail } from '../shared/fail.js';\nexport const r = [z, days, fail];",
      'src/core/days.ts': "import { db } from '../db/db.js';\nexport const days = db;",
      'src/core/clock.ts': "import { format } from 'date-fns';\nexport const c = format;",
      'src/core/days.test.ts':
        "import { it } from 'vitest';\nimport { days } from './days.js';\nit('', () => days);",
      'src/shared/fail.ts':
        "import { results } from '../core/results.js';\nexport const fail = results;",
      'src/db/db.ts': "import pg from 'pg';\nexport const db = pg;",
    });
    expect(coreViolations(graph)).toEqual([
      'src/core/clock.ts imports the package date-fns',
      'src/core/days.ts imports src/db/db.ts',
      'src/shared/fail.ts imports src/core/results.ts',
    ]);
  });
});

describe("Rudder's own tree", () => {
  const graph = readImportGraph('src');

  it('reads every source file', () => {
    expect(graph.files.size).toBeGreaterThan(400);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps the core pure: zod, the core and src/shared only', () => {
    expect(coreViolations(graph)).toEqual([]);
  });
});
