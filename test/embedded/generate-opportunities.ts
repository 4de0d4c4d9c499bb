import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Stage names of the test organizations (the standard stages of test-fixtures). */
const stages = ['Qualification', 'Discovery', 'Proposal', 'Closed Won', 'Closed Lost'];

/**
 * Writes an opportunities CSV of `rows` rows in Rudder's format, owned by `owner`:
 * large files for the crash test and the throughput script, streamed to disk.
 */
export async function writeOpportunitiesCsv(
  path: string,
  rows: number,
  owner: string,
): Promise<void> {
  const out = createWriteStream(path);
  out.write('external_id,name,account,owner,stage,amount,probability,created_at,close_date\n');
  for (let i = 0; i < rows; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const line = `GEN-${i},"Deal ${i}, phase ${i % 7}",Account ${i % 5000},${owner},${stages[i % stages.length]},${(i % 100000) + 0.5},${(i * 7) % 101},2023-${month}-${day}T10:00:00Z,2024-${month}-${day}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
