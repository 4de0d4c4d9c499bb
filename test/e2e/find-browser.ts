import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** The Chromium the browser tests drive, and how it was found (printed once per run). */
export interface FoundBrowser {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  /** Extra environment for the browser process (the packaged browser's own libraries). */
  env: Record<string, string>;
}

export const noBrowserMessage =
  'No Chromium for the browser tests: set CHROMIUM_PATH to a Chromium binary, install one ' +
  '(Debian/Ubuntu: apt-get install chromium), or run `npm install` so that the dev dependency ' +
  '@sparticuz/chromium can unpack its own.';

const systemNames = ['chromium', 'chromium-browser'];
const systemPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function isExecutableFile(path: string): boolean {
  try {
    // A regular file only: CI hides the system browser by bind-mounting /dev/null over it.
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function systemChromium(): string | undefined {
  for (const name of systemNames) {
    const found = onPath(name);
    if (found) return found;
  }
  return systemPaths.find(isExecutableFile);
}

/**
 * The packaged browser is built for Amazon Linux; on any other Linux it runs with the
 * system's NSS libraries when there are some. A machine with Node alone may have none, so
 * the NSS/NSPR/expat libraries that ship beside it are unpacked too and put first on the
 * browser's library path (they need an older glibc than any current distribution has).
 */
function packagedLibraries(binFolder: string): string {
  const target = join(tmpdir(), 'rudder-chromium-libs');
  const marker = join(target, 'lib', 'libnss3.so');
  if (!existsSync(marker)) {
    mkdirSync(target, { recursive: true });
    const tar = brotliDecompressSync(readFileSync(join(binFolder, 'al2023.tar.br')));
    execFileSync('tar', ['-x', '-C', target], { input: tar });
  }
  return join(target, 'lib');
}

async function packagedChromium(): Promise<FoundBrowser | undefined> {
  let packaged: typeof import('@sparticuz/chromium').default;
  try {
    packaged = (await import('@sparticuz/chromium')).default;
  } catch {
    return undefined;
  }
  // Unpacks chromium, its fonts and SwiftShader into the temporary folder once (~3 s).
  const executablePath = await packaged.executablePath();
  // The package's entry sits in build/cjs/; its compressed browser and libraries in bin/.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const binFolder = join(dirname(entry), '..', '..', 'bin');
  const libraries = packagedLibraries(binFolder);
  const inherited = process.env.LD_LIBRARY_PATH;
  return {
    executablePath,
    source: '@sparticuz/chromium',
    env: {
      LD_LIBRARY_PATH: inherited ? `${libraries}${delimiter}${inherited}` : libraries,
      FONTCONFIG_PATH: process.env.FONTCONFIG_PATH ?? join(tmpdir(), 'fonts'),
    },
  };
}

/**
 * Finds a Chromium in a documented order: an explicit `CHROMIUM_PATH`; the system's Chromium
 * (`chromium` or `chromium-browser` on the PATH, or in /usr/bin); the one that ships inside
 * the `@sparticuz/chromium` dev dependency. Never skips: with none, it fails with one line
 * that says how to get one.
 */
export async function findBrowser(): Promise<FoundBrowser> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!isExecutableFile(explicit)) {
      throw new Error(`CHROMIUM_PATH=${explicit} is not an executable file. ${noBrowserMessage}`);
    }
    return { executablePath: explicit, source: 'CHROMIUM_PATH', env: {} };
  }
  const system = systemChromium();
  if (system) return { executablePath: system, source: 'system', env: {} };
  const packaged = await packagedChromium();
  if (packaged) return packaged;
  throw new Error(noBrowserMessage);
}
