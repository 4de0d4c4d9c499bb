import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type FoundBrowser, findBrowser } from './find-browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium found once for the whole run, or why there is none. */
    browser: { found: FoundBrowser } | { error: string };
  }
}

const built = 'dist/web/index.html';

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app once per test run when dist/web is missing or older than src/web. */
function buildWebApp(): void {
  if (existsSync(built) && statSync(built).mtimeMs >= newestIn('src/web')) return;
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
}

/**
 * Finds the browser once, in this one process: the packaged browser unpacks itself into the
 * temporary folder, and two test workers doing it at once would run a half-written file.
 * Without a browser the run goes on and each browser test file fails with the reason.
 */
export default async function setup(project: TestProject): Promise<void> {
  buildWebApp();
  try {
    const found = await findBrowser();
    console.log(`Browser tests: ${found.source} Chromium at ${found.executablePath}`);
    project.provide('browser', { found });
  } catch (error) {
    project.provide('browser', { error: error instanceof Error ? error.message : String(error) });
  }
}
