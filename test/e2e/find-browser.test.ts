import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrowser, noBrowserMessage } from './find-browser.js';

describe('findBrowser', () => {
  let dir: string;
  const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, PATH: process.env.PATH };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rudder-find-browser-'));
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  function fakeBrowser(name: string, mode: number): string {
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, mode);
    return path;
  }

  it('takes CHROMIUM_PATH first when it names an executable file', async () => {
    const path = fakeBrowser('my-chromium', 0o755);
    process.env.CHROMIUM_PATH = path;
    expect(await findBrowser()).toEqual({ executablePath: path, source: 'CHROMIUM_PATH', env: {} });
  });

  it('fails with one line naming CHROMIUM_PATH and how to get a browser when it is not executable', async () => {
    process.env.CHROMIUM_PATH = fakeBrowser('not-executable', 0o644);
    await expect(findBrowser()).rejects.toThrow(
      `CHROMIUM_PATH=${join(dir, 'not-executable')} is not an executable file. ${noBrowserMessage}`,
    );
  });

  it('takes a chromium on the PATH before the packaged one when CHROMIUM_PATH is unset', async () => {
    delete process.env.CHROMIUM_PATH;
    const path = fakeBrowser('chromium', 0o755);
    process.env.PATH = dir;
    expect(await findBrowser()).toEqual({ executablePath: path, source: 'system', env: {} });
  });
});
