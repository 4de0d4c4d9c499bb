import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import { spawnTs } from './spawn-rudder.js';

const dir = mkdtempSync(join(tmpdir(), 'rudder-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rounds = 20;

function acknowledged(output: string): number[] {
  return [...output.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
}

describe('embedded database under kill -9', () => {
  it(`keeps every acknowledged write across ${rounds} kills`, { timeout: 600_000 }, async () => {
    const expected = new Set<string>();
    for (let round = 0; round < rounds; round++) {
      const writer = spawnTs('test/embedded/write-stream.ts', [], {
        RUDDER_DATA_DIR: dir,
        ROUND: String(round),
      });
      await writer.waitFor('ready', 60_000);
      // Kill after a varying number of acknowledged writes, mid-stream.
      await writer.waitFor(new RegExp(`^ack ${5 + ((round * 7) % 23)}$`, 'm'), 60_000);
      writer.child.kill('SIGKILL');
      await writer.exited;
      const acks = acknowledged(writer.output());
      expect(acks.length).toBeGreaterThan(5);
      for (const n of acks) expected.add(`r${round}-${n}`);

      // The restart opens the database (taking over the stale lock) and finds every ack.
      const db = await createDb({ dataDir: dir });
      try {
        const rows = await db.query<{ slug: string }>(
          `select slug from org where slug like 'r%-%'`,
        );
        const present = new Set(rows.map((r) => r.slug));
        const missing = [...expected].filter((slug) => !present.has(slug));
        expect(missing).toEqual([]);
      } finally {
        await db.close();
      }
    }
    expect(expected.size).toBeGreaterThan(rounds * 5);
  });
});
