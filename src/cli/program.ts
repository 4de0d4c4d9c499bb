import { Command, CommanderError } from 'commander';
import { isAppError } from '../shared/app-error.js';
import { demoCommand } from './demo-command.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { meetingsCommand } from './meetings-command.js';
import { migrateCommand } from './migrate-command.js';
import { orgCommand } from './org-command.js';
import { outboxCommand } from './outbox-command.js';
import { prepCommand } from './prep-command.js';
import { rollupCommand } from './rollup-command.js';
import { scorecardCommand } from './scorecard-command.js';
import { serveCommand } from './serve-command.js';
import { syncCommand } from './sync-command.js';

/** A fresh `rudder` program: commander keeps parsed values, so one per run. */
export function createProgram(): Command {
  return new Command()
    .name('rudder')
    .description('Rudder: the 1:1 accountability meeting, Results → Pipeline → Activity.')
    .showHelpAfterError()
    .addCommand(serveCommand())
    .addCommand(migrateCommand())
    .addCommand(demoCommand())
    .addCommand(orgCommand())
    .addCommand(prepCommand())
    .addCommand(scorecardCommand())
    .addCommand(importCommand())
    .addCommand(exportCommand())
    .addCommand(meetingsCommand())
    .addCommand(outboxCommand())
    .addCommand(syncCommand())
    .addCommand(rollupCommand());
}

/**
 * Runs `rudder <args>` in this process and answers the exit code: 0, 1 for a failure, 2 for
 * a usage error (commander's, or a refused value). Tests run the CLI through it.
 */
export async function runCli(args: readonly string[]): Promise<number> {
  const program = createProgram();
  // Commander exits the process on a usage error unless told to throw instead.
  forEachCommand(program, (command) => command.exitOverride());
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync([...args], { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error: unknown) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    // Expected failures (bad configuration, a locked data folder) print their message only.
    if (isAppError(error)) {
      process.stderr.write(`rudder: ${error.message}\n`);
    } else {
      process.stderr.write(
        `rudder: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`,
      );
    }
    return 1;
  } finally {
    process.exitCode = before;
  }
}

function forEachCommand(command: Command, fn: (command: Command) => void): void {
  fn(command);
  for (const sub of command.commands) forEachCommand(sub, fn);
}
