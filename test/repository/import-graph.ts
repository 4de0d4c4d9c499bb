import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Each source file of a tree and what it imports: files (repo-relative) and packages. */
export interface ImportGraph {
  files: Map<string, { files: string[]; packages: string[] }>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.posix.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** `./x.js` is written for `./x.ts` or `./x.tsx` (NodeNext); a folder means its index. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = target.replace(/\.js$/, '');
  const candidates = [`${stem}.ts`, `${stem}.tsx`, target, `${target}/index.ts`];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Reads every import (static, type-only, re-export, dynamic) of the files under `root`. */
export function readImportGraph(root: string): ImportGraph {
  const files: ImportGraph['files'] = new Map();
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const edges = { files: [] as string[], packages: [] as string[] };
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveRelative(file, fileName);
        if (!target) throw new Error(`${file}: cannot resolve "${fileName}"`);
        edges.files.push(target);
      } else {
        edges.packages.push(fileName);
      }
    }
    files.set(file, edges);
  }
  return { files };
}

/**
 * The import cycles of a graph: each strongly connected component of more than one file, or a
 * file that imports itself (Tarjan's algorithm), as a sorted list of its files.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;

  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    const targets = graph.files.get(file)?.files ?? [];
    for (const target of targets) {
      if (!graph.files.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || targets.includes(file)) cycles.push(component.sort());
  };

  for (const file of graph.files.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/**
 * What the pure core imports that it may not: a file of `src/core` may import `zod`, the core
 * and `src/shared`; a file of `src/shared` only `zod` and `src/shared` (or the core would reach
 * the shell through it). Their tests may also use the test runner and the property-test library.
 */
export function coreViolations(graph: ImportGraph, core = 'src/core/', shared = 'src/shared/') {
  const violations: string[] = [];
  for (const [file, edges] of graph.files) {
    const inCore = file.startsWith(core);
    if (!inCore && !file.startsWith(shared)) continue;
    const isTest = /\.test\.tsx?$/.test(file) || file.endsWith('/test-factories.ts');
    const allowedPackages = isTest ? ['zod', 'vitest', 'fast-check'] : ['zod'];
    for (const name of edges.packages) {
      if (!allowedPackages.includes(name)) violations.push(`${file} imports the package ${name}`);
    }
    for (const target of edges.files) {
      const allowed = target.startsWith(shared) || (inCore && target.startsWith(core));
      if (!allowed) violations.push(`${file} imports ${target}`);
    }
  }
  return violations.sort();
}
