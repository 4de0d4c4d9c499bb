import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { rebuildRollup } from '../scorecard/rebuild-rollup.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';

/**
 * `rudder rollup rebuild [--org <slug>]`: the per-rep monthly rollup the rankings read,
 * recomputed from the deals, results and activities. Every organization without --org.
 */
export function rollupCommand(): Command {
  const rollup = new Command('rollup').description(
    'The per-rep monthly rollup behind rankings and scorecards.',
  );
  rollup
    .command('rebuild')
    .description('Recompute the rollup from the base tables in one transaction.')
    .option('--org <slug>', 'only this organization (default: every one)')
    .action(async (options: { org?: string }) => {
      const output = await withDb(loadConfig(), (db) =>
        runRollupRebuild(db, options, (line) => process.stderr.write(`${line}\n`)),
      );
      process.stdout.write(`${output}\n`);
    });
  return rollup;
}

/** Runs the rebuild, reporting each organization as it is done; returns the summary. */
export async function runRollupRebuild(
  db: Database,
  options: { org?: string },
  progress: (line: string) => void,
): Promise<string> {
  // An unknown slug is refused with the known ones listed, as by every other command.
  const slug = options.org === undefined ? undefined : (await findOrg(db, options.org)).slug;
  const started = Date.now();
  const rebuilt = await rebuildRollup(db, {
    ...(slug === undefined ? {} : { orgSlug: slug }),
    onProgress: (org, index, of) =>
      progress(
        `[${index + 1}/${of}] ${org.slug}: ${org.months} rep-months, ` +
          `${org.activityMonths} activity rows, ${org.corrected} corrected`,
      ),
  });
  const corrected = rebuilt.reduce((sum, org) => sum + org.corrected, 0);
  return (
    `Rebuilt the rollup of ${rebuilt.length} organization(s) in ${Date.now() - started} ms; ` +
    `${corrected} row(s) differed from the recomputation.`
  );
}
