import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { describeDb, withDb } from './open-db.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Apply pending database migrations, then exit.')
    .action(async () => {
      const config = loadConfig();
      await withDb(config, async () => undefined);
      process.stdout.write(`Migrations applied to ${describeDb(config)}.\n`);
    });
}
