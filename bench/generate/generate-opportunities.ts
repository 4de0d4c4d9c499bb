import { join } from 'node:path';
import { createRandom } from '../../src/demo/random.js';
import { benchAsOf, benchStart, type SizeSpec, stageNames } from '../spec.js';
import { CsvFile, field } from './csv-file.js';
import { benchId, benchOrgId, repId } from './ids.js';
import { addDaysMs, DAY_MS, dayMs, isoDay, isoInstant, type TableFile } from './table-file.js';

const opportunityColumns = [
  'org_id',
  'id',
  'external_id',
  'owner_id',
  'name',
  'account',
  'amount',
  'currency',
  'stage_id',
  'status',
  'created_at',
  'close_date',
  'closed_at',
  'last_changed_at',
] as const;

/** Rudder's own CSV format (canonical headers), as `rudder import opportunities` reads it. */
export const importHeader = [
  'external_id',
  'name',
  'account',
  'owner',
  'stage',
  'amount',
  'currency',
  'created_at',
  'close_date',
  'closed_at',
] as const;

export const importFileName = 'import-opportunities.csv';

const openStages = stageNames.filter(([, kind]) => kind === 'open').length;
const wonStage = stageNames.findIndex(([, kind]) => kind === 'won');
const lostStage = stageNames.findIndex(([, kind]) => kind === 'lost');
const stageName = (index: number) => stageNames[index]?.[0] ?? 'Prospecting';

/**
 * Opportunities in creation order, reps interleaved (as a CRM's table fills up), each with
 * three events (a stage move, an amount change, then the close or a close-date slip).
 * Opportunity `i` belongs to rep `i % reps`. Also writes the same rows in the import format.
 */
export async function generateOpportunities(dir: string, spec: SizeSpec): Promise<TableFile[]> {
  const random = createRandom(0xbe_0006);
  const opportunities = new CsvFile(join(dir, 'opportunity.csv'));
  const events = new CsvFile(join(dir, 'opportunity_event.csv'));
  const importCsv = new CsvFile(join(dir, importFileName));
  await importCsv.line(importHeader.join(','));
  const start = dayMs(benchStart);
  const asOf = dayMs(benchAsOf) + 12 * 3_600_000;
  const span = asOf - start;
  const n = spec.opportunities;
  for (let i = 0; i < n; i += 1) {
    const rep = i % spec.reps;
    const id = benchId('opportunity', i);
    const createdAt = Math.min(
      asOf - 3_600_000,
      start + Math.floor((i / n) * span + random.next() * DAY_MS),
    );
    const cycleDays = random.int(14, 200);
    const closeMs = addDaysMs(createdAt, cycleDays);
    const closed = closeMs < asOf && random.chance(0.93);
    const won = closed && random.chance(0.3);
    const firstStage = random.int(0, 1);
    const openStage = random.int(firstStage + 1, openStages - 1);
    const stage = closed ? (won ? wonStage : lostStage) : openStage;
    const startAmount = random.int(5, 200) * 10_000;
    const amount = startAmount + random.int(-2, 10) * 10_000;
    const closedAt = closed ? closeMs + random.int(8, 18) * 3_600_000 : null;
    const end = closedAt ?? asOf;
    const at = (k: number) => createdAt + Math.floor(((end - createdAt) * k) / 4);
    const slipDays = random.int(7, 45);
    const closeDate = isoDay(closed ? closeMs : addDaysMs(closeMs, slipDays));
    const stageId = benchId('stage', stage);
    const status = closed ? (won ? 'won' : 'lost') : 'open';
    const created = isoInstant(createdAt);
    const closedText = closedAt === null ? null : isoInstant(closedAt);
    const name = `Deal ${i}`;
    const account = `Account ${i % 50_000}`;
    await opportunities.line(
      [
        benchOrgId,
        id,
        `O${i}`,
        repId(rep),
        name,
        account,
        amount,
        'USD',
        stageId,
        status,
        created,
        closeDate,
        closedText,
        isoInstant(at(3)),
      ]
        .map(field)
        .join(','),
    );
    const event = (field: string, oldValue: string, newValue: string, ms: number) =>
      events.line(`${benchOrgId},${id},${field},${oldValue},${newValue},${isoInstant(ms)}`);
    await event(
      'stage',
      benchId('stage', firstStage),
      benchId('stage', Math.min(openStage, firstStage + 1)),
      at(1),
    );
    await event('amount', String(startAmount), String(amount), at(2));
    if (closed) await event('stage', benchId('stage', openStage), stageId, at(3));
    else await event('close_date', isoDay(closeMs), closeDate, at(3));
    await importCsv.line(
      [
        `O${i}`,
        name,
        account,
        `U${rep}`,
        stageName(stage),
        (amount / 100).toFixed(2),
        'USD',
        created,
        closeDate,
        closedText,
      ]
        .map(field)
        .join(','),
    );
  }
  const eventColumns = [
    'org_id',
    'opportunity_id',
    'field',
    'old_value',
    'new_value',
    'observed_at',
  ];
  return [
    {
      table: 'opportunity',
      columns: opportunityColumns,
      file: 'opportunity.csv',
      rows: await opportunities.close(),
    },
    {
      table: 'opportunity_event',
      columns: eventColumns,
      file: 'opportunity_event.csv',
      rows: await events.close(),
    },
    // Not loaded: the input of the import measure (its header line is not a row).
    { table: '', columns: importHeader, file: importFileName, rows: (await importCsv.close()) - 1 },
  ];
}
