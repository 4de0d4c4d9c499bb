import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/', import.meta.url);
const src = new URL('../../src/', import.meta.url);

/**
 * Which code the bench measures in its own process: `dist` (built by `npm run build`, as
 * `npm start` and the measured servers run it) when there is a build, else `src`.
 */
export function measuredCode(): 'dist' | 'src' {
  return existsSync(fileURLToPath(new URL('cli/index.js', dist))) ? 'dist' : 'src';
}

/**
 * A module of the product as it ships, by its path under src/ (`'scorecard/build-team-scorecard.js'`),
 * typed as the source module (`M`, `typeof import('../../src/…')`). The bench itself runs
 * under tsx, whose esbuild keeps function names by wrapping every named function created at
 * run time in a `__name` call the built product does not have: measured through tsx, the
 * organization-wide ranking's JavaScript at bench-L took 8.4 ms at p50 against 6.0 ms built
 * (bench/findings.md, tenth session). Without a build (a fresh checkout's quick run) the
 * source is measured.
 */
export async function productModule<M>(path: string): Promise<M> {
  return (await import(new URL(path, measuredCode() === 'dist' ? dist : src).href)) as M;
}
