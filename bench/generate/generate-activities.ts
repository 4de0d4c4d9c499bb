import { join } from 'node:path';
import { createRandom } from '../../src/demo/random.js';
import { aheadDays, benchAsOf, benchStart, type SizeSpec, shape } from '../spec.js';
import { CsvFile } from './csv-file.js';
import { benchId, benchOrgId, repId } from './ids.js';
import { addDaysMs, dayMs, isoInstant, type TableFile } from './table-file.js';

const kinds = [
  'call',
  'call',
  'call',
  'call',
  'email',
  'email',
  'email',
  'meeting',
  'meeting',
  'demo',
];

/**
 * Activities in time order, reps interleaved, from `benchStart` to `aheadDays` after
 * `benchAsOf` (the scheduled ones). One in five is about one of the rep's opportunities.
 */
export async function generateActivities(dir: string, spec: SizeSpec): Promise<TableFile> {
  const random = createRandom(0xbe_0008);
  const csv = new CsvFile(join(dir, 'activity.csv'));
  const start = dayMs(benchStart);
  const span = addDaysMs(dayMs(benchAsOf), aheadDays) - start;
  const n = spec.activities;
  const reps = spec.reps;
  const repIds = Array.from({ length: reps }, (_, r) => repId(r));
  for (let j = 0; j < n; j += 1) {
    const rep = j % reps;
    const at = start + Math.floor((j / n) * span + random.next() * 3_600_000);
    const kind = kinds[Math.floor(random.next() * kinds.length)] ?? 'call';
    const opportunity = random.chance(0.2)
      ? benchId('opportunity', rep + reps * random.int(0, shape.opportunitiesPerRep - 1))
      : '';
    const subject = kind === 'meeting' || kind === 'demo' ? `${kind} ${j}` : '';
    await csv.line(
      `${benchOrgId},${repIds[rep]},${kind},${isoInstant(at)},${opportunity},${subject},1`,
    );
  }
  const columns = [
    'org_id',
    'person_id',
    'kind',
    'occurred_at',
    'opportunity_id',
    'subject',
    'count',
  ];
  return { table: 'activity', columns, file: 'activity.csv', rows: await csv.close() };
}
