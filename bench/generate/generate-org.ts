import { join } from 'node:path';
import { createRandom } from '../../src/demo/random.js';
import {
  benchAsOf,
  benchStart,
  benchTimeZone,
  goalMonths,
  type SizeSpec,
  shape,
  stageNames,
} from '../spec.js';
import { CsvFile, field } from './csv-file.js';
import { benchId, benchOrgId, leaderId, managerId, repId } from './ids.js';
import { addDaysMs, dayMs, isoDay, isoInstant, type TableFile } from './table-file.js';

/** The rep's team now; reps are spread round-robin so every team has the same size ±1. */
export function teamOf(rep: number, spec: SizeSpec): number {
  return rep % spec.teams;
}

/** A rep's monthly bookings quota in cents ($40k–$120k), stable per rep. */
export function quotaOf(rep: number): number {
  return (40 + ((rep * 37) % 81)) * 100_000;
}

async function writeTable(
  dir: string,
  table: string,
  columns: readonly string[],
  rows: (write: (values: readonly (string | number | null)[]) => Promise<void>) => Promise<void>,
): Promise<TableFile> {
  const file = `${table}.csv`;
  const csv = new CsvFile(join(dir, file));
  await rows((values) => csv.line(values.map(field).join(',')));
  return { table, columns, file, rows: await csv.close() };
}

/** The organization, its people, teams, memberships, stages, goals and held 1:1s. */
export async function generateOrg(dir: string, spec: SizeSpec): Promise<TableFile[]> {
  const { reps, teams } = spec;
  const created = `${benchStart}T00:00:00.000Z`;
  const files: TableFile[] = [];
  files.push(
    await writeTable(dir, 'org', ['id', 'slug', 'name', 'time_zone', 'settings'], async (w) => {
      await w([benchOrgId, 'bench', `Bench ${spec.name}`, benchTimeZone, '{}']);
    }),
  );
  files.push(
    await writeTable(
      dir,
      'person',
      ['org_id', 'id', 'external_id', 'name', 'email', 'role', 'created_at'],
      async (w) => {
        for (let r = 0; r < reps; r += 1) {
          await w([
            benchOrgId,
            repId(r),
            `U${r}`,
            `Rep ${r}`,
            `rep${r}@bench.rudder.dev`,
            'rep',
            created,
          ]);
        }
        for (let t = 0; t < teams; t += 1) {
          const email = `manager${t}@bench.rudder.dev`;
          await w([
            benchOrgId,
            managerId(reps, t),
            `M${t}`,
            `Manager ${t}`,
            email,
            'manager',
            created,
          ]);
        }
        const leader = leaderId(reps, teams);
        await w([benchOrgId, leader, 'L0', 'Admin', 'admin@bench.rudder.dev', 'admin', created]);
      },
    ),
  );
  files.push(
    await writeTable(
      dir,
      'team',
      ['org_id', 'id', 'name', 'manager_id', 'leader_id'],
      async (w) => {
        for (let t = 0; t < teams; t += 1) {
          await w([
            benchOrgId,
            benchId('team', t),
            `Team ${t}`,
            managerId(reps, t),
            leaderId(reps, teams),
          ]);
        }
      },
    ),
  );
  const changedOn = isoDay(addDaysMs(dayMs(benchAsOf), -365));
  files.push(
    await writeTable(
      dir,
      'team_membership',
      ['org_id', 'id', 'team_id', 'person_id', 'valid_from', 'valid_to'],
      async (w) => {
        let n = 0;
        for (let r = 0; r < reps; r += 1) {
          const team = benchId('team', teamOf(r, spec));
          if (r % shape.teamChangeEvery === 0) {
            const before = benchId('team', (teamOf(r, spec) + 1) % teams);
            await w([
              benchOrgId,
              benchId('membership', n++),
              before,
              repId(r),
              benchStart,
              changedOn,
            ]);
            await w([benchOrgId, benchId('membership', n++), team, repId(r), changedOn, null]);
          } else {
            await w([benchOrgId, benchId('membership', n++), team, repId(r), benchStart, null]);
          }
        }
      },
    ),
  );
  files.push(
    await writeTable(
      dir,
      'stage',
      ['org_id', 'id', 'name', 'position', 'kind', 'probability'],
      async (w) => {
        for (const [index, [name, kind, probability]] of stageNames.entries()) {
          await w([benchOrgId, benchId('stage', index), name, index + 1, kind, probability]);
        }
      },
    ),
  );
  files.push(await generateGoals(dir, spec));
  files.push(await generateMeetings(dir, spec));
  return files;
}

async function generateGoals(dir: string, spec: SizeSpec): Promise<TableFile> {
  const columns = ['org_id', 'id', 'person_id', 'metric', 'period_kind', 'period_start', 'target'];
  return writeTable(dir, 'goal', [...columns, 'status', 'proposed_at'], async (w) => {
    let n = 0;
    for (let r = 0; r < spec.reps; r += 1) {
      const first =
        Number(goalMonths.first.slice(0, 4)) * 12 + Number(goalMonths.first.slice(5)) - 1;
      const last = Number(goalMonths.last.slice(0, 4)) * 12 + Number(goalMonths.last.slice(5)) - 1;
      for (let m = first; m <= last; m += 1) {
        const start = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
        const proposed = `${start}T00:00:00.000Z`;
        await w([
          benchOrgId,
          benchId('goal', n++),
          repId(r),
          'bookings',
          'month',
          start,
          quotaOf(r),
          'agreed',
          proposed,
        ]);
      }
    }
  });
}

/** A few held monthly 1:1s per rep, the last one 1–28 days before `benchAsOf`. */
async function generateMeetings(dir: string, spec: SizeSpec): Promise<TableFile> {
  const random = createRandom(0xbe_0007);
  const columns = ['org_id', 'id', 'rep_id', 'manager_id', 'scheduled_at', 'status'];
  return writeTable(
    dir,
    'meeting',
    [...columns, 'started_at', 'held_at', 'stage_reached'],
    async (w) => {
      let n = 0;
      const asOf = dayMs(benchAsOf);
      for (let r = 0; r < spec.reps; r += 1) {
        const lastDaysAgo = random.int(1, 28);
        for (let k = 0; k < shape.meetingsPerRep; k += 1) {
          const at = addDaysMs(asOf, -(lastDaysAgo + 30 * k)) + 15 * 3_600_000;
          const manager = managerId(spec.reps, teamOf(r, spec));
          const stage = random.pick(['results', 'pipeline', 'activity'] as const);
          await w([
            benchOrgId,
            benchId('meeting', n++),
            repId(r),
            manager,
            isoInstant(at),
            'held',
            isoInstant(at),
            isoInstant(at + 25 * 60_000),
            stage,
          ]);
        }
      }
    },
  );
}
