import { Command, Option } from 'commander';
import { loadConfig } from '../config/config.js';
import { type ExportFormat, exportOrganization } from '../export/export-organization.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';

/** `rudder export --out <dir>`: all of an organization's data, one file per kind. */
export function exportCommand(): Command {
  return new Command('export')
    .description("Export all of an organization's data as CSV (Rudder's import format) or NDJSON.")
    .option('--org <slug>', 'the organization (default: the only one)')
    .requiredOption('--out <dir>', 'folder to write the files into')
    .addOption(
      new Option('--format <format>', 'file format').choices(['csv', 'ndjson']).default('csv'),
    )
    .action(async (options: { org?: string; out: string; format: ExportFormat }) => {
      const config = loadConfig();
      const written = await withDb(config, async (db) => {
        const org = await findOrg(db, options.org);
        return exportOrganization({
          db,
          orgId: org.id,
          outDir: options.out,
          format: options.format,
        });
      });
      const lines = Object.entries(written).map(
        ([file, n]) => `  ${`${file}.${options.format}`.padEnd(26)} ${n} rows`,
      );
      process.stdout.write(`Exported to ${options.out}:\n${lines.join('\n')}\n`);
    });
}
