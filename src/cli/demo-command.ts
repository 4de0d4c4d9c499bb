import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { seedDemo } from '../demo/seed-demo.js';
import { systemClock } from '../shared/clock.js';
import { describeDb, withDb } from './open-db.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('Create the demo organization, or reset it to a fresh state relative to today.')
    .action(async () => {
      const config = loadConfig();
      const summary = await withDb(config, (db) => seedDemo({ db, now: systemClock.now() }));
      const lines = [
        `Demo organization ready in ${describeDb(config)} (slug ${summary.slug}).`,
        ...(summary.demoSlugHeldBy === null
          ? []
          : [
              `The slug demo belongs to "${summary.demoSlugHeldBy}", which is not the demo: it was left as it was.`,
            ]),
        ...Object.entries(summary.counts).map(([table, n]) => `  ${table.padEnd(20)} ${n}`),
        'Sign in as:',
        ...summary.logins.map((l) => `  ${l.role.padEnd(8)} ${l.email.padEnd(28)} ${l.name}`),
        `  password for all of them: ${summary.password}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
