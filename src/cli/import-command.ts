import { basename } from 'node:path';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config/config.js';
import type { ImportKind } from '../imports/read/import-fields.js';
import { importKinds } from '../imports/read/import-fields.js';
import type { PresetName } from '../imports/read/presets.js';
import { presetNames } from '../imports/read/presets.js';
import { systemClock } from '../shared/clock.js';
import { findOrg } from './find-org.js';
import { formatImportResult } from './format-import-result.js';
import { progressReporter } from './import-progress.js';
import { withDb } from './open-db.js';

interface ImportCommandOptions {
  org?: string;
  preset: PresetName | 'auto';
  map: Record<string, string>;
  asOf?: string;
  dryRun?: boolean;
  addStages?: boolean;
  fullSnapshot?: boolean;
  dateOrder: 'mdy' | 'dmy' | 'ymd';
  defaultOwner?: string;
  json?: boolean;
}

/** `rudder import <kind> <file>`: one CSV file, all or nothing. Exit code 1 on row errors. */
export function importCommand(): Command {
  return new Command('import')
    .description(
      'Import a CSV file (people, goals, opportunities, opportunity history, activities, results).',
    )
    .addArgument(new Argument('<kind>', 'what the file holds').choices(importKinds))
    .argument('<file>', 'the CSV file')
    .option('--org <slug>', 'the organization (default: the only one)')
    .addOption(
      new Option('--preset <preset>', 'export format')
        .choices(['auto', ...presetNames])
        .default('auto'),
    )
    .option(
      '--map <field=header>',
      'read a field from this column (repeatable)',
      collectMapping,
      {},
    )
    .option(
      '--as-of <instant>',
      'when the snapshot was taken, e.g. 2024-05-01T00:00:00Z (default now)',
      readInstant,
    )
    .option('--dry-run', 'validate and count; write nothing')
    .option('--add-stages', 'add unknown stages instead of rejecting their rows')
    .option('--full-snapshot', 'the file holds every opportunity: report the ones it lacks')
    .addOption(
      new Option('--date-order <order>', 'order of numeric dates')
        .choices(['mdy', 'dmy', 'ymd'])
        .default('mdy'),
    )
    .option('--default-owner <person>', 'owner (external id, e-mail or name) of rows without one')
    .option('--json', 'print the result as JSON')
    .action(async (kind: ImportKind, file: string, options: ImportCommandOptions) => {
      const config = loadConfig();
      const progress = options.json === true ? undefined : progressReporter();
      // The import pipeline loads with the command, not with every `rudder` start.
      const { importFile } = await import('../imports/import-file.js');
      const result = await withDb(config, async (db) => {
        const org = await findOrg(db, options.org);
        try {
          return await importFile({
            db,
            orgId: org.id,
            path: file,
            preset: options.preset,
            map: options.map,
            settings: {
              kind,
              asOf: options.asOf ?? systemClock.now().toISOString(),
              dryRun: options.dryRun === true,
              addStages: options.addStages === true,
              fullSnapshot: options.fullSnapshot === true,
              dateOrder: options.dateOrder,
              ...(options.defaultOwner === undefined ? {} : { defaultOwner: options.defaultOwner }),
            },
            ...(progress === undefined ? {} : { onProgress: (p) => progress.update(p) }),
          });
        } finally {
          progress?.stop();
        }
      });
      process.stdout.write(
        options.json === true
          ? `${JSON.stringify(result, null, 2)}\n`
          : formatImportResult(result, basename(file)),
      );
      if (result.status === 'failed') process.exitCode = 1;
    });
}

function collectMapping(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0)
    throw new InvalidArgumentError('expected field=header, e.g. close_date="Close Date"');
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

function readInstant(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw new InvalidArgumentError(
      'expected an ISO instant with a zone, e.g. 2024-05-01T00:00:00Z',
    );
  }
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new InvalidArgumentError('not a valid instant');
  return time.toISOString();
}
