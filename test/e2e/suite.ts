import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { type AppServer, startAppServer } from './app-server.js';
import { type Browser, launchBrowser, watchCsp } from './browser.js';

export interface E2eSuite {
  readonly url: string;
  /** The server's application, for what only the CLI does (e.g. a setup token). */
  readonly app: AppServer['app'];
  /** The server's configuration (e.g. to run its jobs as its job loop would). */
  readonly config: AppServer['config'];
  /** The server's clock. */
  readonly clock: AppServer['clock'];
  /** The server's database (writes are seen at once: the result caches follow the data version). */
  readonly db: Database;
  /** A new tab, signed out, whose CSP refusals fail the test. */
  page(): Promise<Page>;
  /** Moves the server's and the browser's clocks on together. */
  advanceClock(minutes: number): Promise<void>;
}

/**
 * One real server (demo seed, or an empty database with `empty`; fixed clock) serving dist/web
 * itself, with helmet's CSP, and one browser for the tests of a file, which run in order. Any
 * CSP refusal fails the test.
 */
export function e2eSuite(
  options: { empty?: boolean; env?: () => Record<string, string> } = {},
): E2eSuite {
  let server: AppServer;
  let browser: Browser;
  const refused: string[] = [];
  beforeAll(async () => {
    server = await startAppServer({
      ...(options.empty ? { empty: true } : {}),
      // Read when the suite starts: a test server started before it may be named in it.
      ...(options.env ? { env: options.env() } : {}),
    });
    browser = await launchBrowser();
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
  afterEach(() => {
    expect(refused).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return server.url;
    },
    get app() {
      return server.app;
    },
    get db() {
      return server.db;
    },
    get config() {
      return server.config;
    },
    get clock() {
      return server.clock;
    },
    async advanceClock(minutes) {
      server.clock.advance(minutes * 60_000);
      await browser.context.clock.setFixedTime(server.clock.now());
    },
    async page() {
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      watchCsp(page, refused);
      return page;
    },
  };
}
