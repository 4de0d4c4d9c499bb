// Child process for the crash test: `rudder import …` without the rest of the CLI.
import { importCommand } from '../../src/cli/import-command.js';

await importCommand().parseAsync(process.argv.slice(2), { from: 'user' });
