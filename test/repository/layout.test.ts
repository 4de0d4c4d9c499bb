import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  foldersMissingFromTree,
  foldersWithoutReadme,
  missingDocumentedPaths,
  namedPaths,
} from './layout.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A small repository on disk. */
function repoOf(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rudder-layout-'));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('the layout check', () => {
  it('reads paths from inline code and fenced blocks, and names beside a README', () => {
    const markdown = [
      'Run `rudder import`; see `src/a/one.ts`, then (`src/b/` and `test/x.test.ts`).',
      '```',
      'src/a/          the first part',
      'CSV ─ (src/b, zod) ─ done',
      '```',
      'Outside code, src/c/gone.ts is prose; in a README, `two.ts`, `sub/` and `--flag`.',
    ].join('\n');
    expect(namedPaths(markdown)).toEqual([
      'src/a/one.ts',
      'src/b/',
      'test/x.test.ts',
      'src/a/',
      'src/b',
    ]);
    expect(namedPaths(markdown, 'src/a')).toEqual([
      'src/a/one.ts',
      'src/b/',
      'test/x.test.ts',
      'src/a/',
      'src/b',
      'src/a/two.ts',
      'src/a/sub/',
    ]);
  });

  it('names a folder without a README, one missing from the tree and a path not on disk', () => {
    const root = repoOf({
      'ARCHITECTURE.md':
        '```\nsrc/a/  one\n```\nThe flow: `src/a/one.ts` → `src/a/gone.ts` → `src/b/two.ts`.',
      'src/a/one.ts': 'export const one = 1;',
      'src/a/README.md': '# a\n\nOwns `one.ts` and `two.ts`; called by `src/b/two.ts`.',
      'src/b/two.ts': 'export const two = 2;',
    });
    expect(foldersWithoutReadme(root)).toEqual(['b']);
    expect(foldersMissingFromTree(root)).toEqual(['b']);
    expect(missingDocumentedPaths(root)).toEqual([
      'ARCHITECTURE.md: src/a/gone.ts',
      'src/a/README.md: src/a/two.ts',
    ]);
  });
});

describe("Rudder's own layout", () => {
  const root = process.cwd();

  it('gives every top-level folder of src/ a README.md', () => {
    expect(foldersWithoutReadme(root)).toEqual([]);
  });

  it("names every top-level folder of src/ in ARCHITECTURE.md's tree", () => {
    expect(foldersMissingFromTree(root)).toEqual([]);
  });

  it('names in ARCHITECTURE.md and the READMEs only paths that exist', () => {
    expect(missingDocumentedPaths(root)).toEqual([]);
  });
});
