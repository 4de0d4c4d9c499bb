import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { dayInZone } from '../core/days.js';
import { parsePeriodKey, periodContaining, previousPeriod } from '../core/periods.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { buildTeamScorecard } from '../scorecard/build-team-scorecard.js';
import { AppError } from '../shared/app-error.js';
import { systemClock } from '../shared/clock.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';
import { plainStyle, terminalStyle } from './render-agenda.js';
import { renderScorecard } from './render-scorecard.js';
import { resolveTeam } from './resolve.js';

export function scorecardCommand(): Command {
  return new Command('scorecard')
    .description('Print the ranking of a team (or of the whole organization) for a period.')
    .option('--team <name>', 'team name (default: the whole organization)')
    .option(
      '--period <key>',
      'YYYY-MM, YYYY-Qn (fiscal quarter) or YYYY (fiscal year); default last month',
    )
    .option('--org <slug>', 'organization (default: the only one)')
    .option('--json', 'print the scorecard as JSON (the same schema as the HTTP API)')
    .action(async (options: { team?: string; period?: string; org?: string; json?: boolean }) => {
      const card = await withDb(loadConfig(), async (db) => {
        const { id: orgId } = await findOrg(db, options.org);
        const org = await loadOrgContext(db, orgId);
        const today = dayInZone(systemClock.now(), org.timeZone);
        const fy = org.fiscalYearStartMonth;
        const period = options.period
          ? parsePeriodKey(options.period, fy)
          : previousPeriod(
              periodContaining({ day: today, kind: 'month', fiscalYearStartMonth: fy }),
              fy,
            );
        if (!period) {
          throw new AppError(
            'VALIDATION_FAILED',
            `--period must look like 2026-10, 2026-Q3 or 2026, not "${options.period}".`,
          );
        }
        const team = options.team ? await resolveTeam(db, orgId, options.team) : null;
        return buildTeamScorecard(db, { org, team, period, today });
      });
      if (options.json) process.stdout.write(`${JSON.stringify(card, null, 2)}\n`);
      else
        process.stdout.write(
          renderScorecard(card, process.stdout.isTTY ? terminalStyle : plainStyle),
        );
    });
}
