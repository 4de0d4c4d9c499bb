import { Command } from 'commander';
import { isAppError } from '../shared/app-error.js';
import { demoCommand } from './demo-command.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { meetingsCommand } from './meetings-command.js';
import { migrateCommand } from './migrate-command.js';
import { outboxCommand } from './outbox-command.js';
import { prepCommand } from './prep-command.js';
import { scorecardCommand } from './scorecard-command.js';
import { serveCommand } from './serve-command.js';

const program = new Command()
  .name('rudder')
  .description('Rudder: the 1:1 accountability meeting, Results → Pipeline → Activity.')
  .showHelpAfterError()
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(demoCommand())
  .addCommand(prepCommand())
  .addCommand(scorecardCommand())
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(meetingsCommand())
  .addCommand(outboxCommand());

try {
  await program.parseAsync(process.argv);
} catch (error: unknown) {
  // Expected failures (bad configuration, a locked data folder) print their message only.
  if (isAppError(error)) {
    process.stderr.write(`rudder: ${error.message}\n`);
  } else {
    process.stderr.write(
      `rudder: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exitCode = 1;
}
