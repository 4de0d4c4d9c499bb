// Child process for the crash test: opens the embedded database and writes rows one
// transaction at a time, printing "ack <n>" only after each commit has returned.
import { createDb } from '../../src/db/create-db.js';

const dir = process.env.RUDDER_DATA_DIR ?? '';
const round = process.env.ROUND ?? '0';
const db = await createDb({ dataDir: dir });
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  await db.query(`insert into org (slug, name) values ($1, $2)`, [
    `r${round}-${n}`,
    `round ${round}`,
  ]);
  process.stdout.write(`ack ${n}\n`);
}
