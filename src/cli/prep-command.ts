import { Command } from 'commander';
import { prepareAgenda } from '../agenda/prepare-agenda.js';
import { loadConfig } from '../config/config.js';
import { AppError } from '../shared/app-error.js';
import { systemClock } from '../shared/clock.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';
import { plainStyle, renderAgenda, terminalStyle } from './render-agenda.js';
import { resolvePerson } from './resolve.js';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export function prepCommand(): Command {
  return new Command('prep')
    .description(
      "Print a rep's 1:1 agenda: the stage the progression reaches and why, the numbers, the questions.",
    )
    .argument('<person>', 'e-mail, external id or name of the rep')
    .option('--as-of <day>', 'prepare as of this day (YYYY-MM-DD, org-local); default today')
    .option('--since <day>', 'measure movement since this day instead of the last held 1:1')
    .option('--org <slug>', 'organization (default: the only one)')
    .option('--json', 'print the agenda as JSON (the same schema as the HTTP API)')
    .action(
      async (
        who: string,
        options: { asOf?: string; since?: string; org?: string; json?: boolean },
      ) => {
        for (const [flag, value] of [
          ['--as-of', options.asOf],
          ['--since', options.since],
        ] as const) {
          if (value !== undefined && !dayPattern.test(value)) {
            throw new AppError(
              'VALIDATION_FAILED',
              `${flag} must be a day like 2026-11-16, not "${value}".`,
            );
          }
        }
        const agenda = await withDb(loadConfig(), async (db) => {
          const { id: orgId } = await findOrg(db, options.org);
          const person = await resolvePerson(db, orgId, who);
          return prepareAgenda(db, {
            orgId,
            personId: person.id,
            now: systemClock.now(),
            ...(options.asOf ? { asOf: options.asOf } : {}),
            ...(options.since ? { since: options.since } : {}),
          });
        });
        if (options.json) process.stdout.write(`${JSON.stringify(agenda, null, 2)}\n`);
        else
          process.stdout.write(
            renderAgenda(agenda, process.stdout.isTTY ? terminalStyle : plainStyle),
          );
      },
    );
}
