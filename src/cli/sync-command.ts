import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { systemClock } from '../shared/clock.js';
import type { SecretBox } from '../sync/secret-box.js';
import type { SyncRunOptions } from '../sync/sync-batch.js';
import type { SyncResult } from '../sync/sync-run.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';
import { readUrl } from './read-url.js';
import { connectCommand } from './sync-connect-command.js';

interface SyncOptions {
  org?: string;
  full?: boolean;
  dryRun?: boolean;
  /** The API base URL for this run: `--instance-url` (Salesforce) or `--base-url` (HubSpot). */
  instanceUrl?: string;
  baseUrl?: string;
  json?: boolean;
}

/** What the sync command needs of one CRM: its names, its URL option and its sync. */
interface CrmSync {
  command: 'salesforce' | 'hubspot';
  name: string;
  /** The option that points this run at another API base URL, and what it is for. */
  urlFlag: '--instance-url <url>' | '--base-url <url>';
  urlHelp: string;
  /** The CRM's sync, imported when it runs (the other commands do not load it). */
  sync: (
    options: SyncRunOptions & { box: SecretBox },
    url: string | undefined,
  ) => Promise<SyncResult>;
}

const salesforce: CrmSync = {
  command: 'salesforce',
  name: 'Salesforce',
  urlFlag: '--instance-url <url>',
  urlHelp: 'use this API base URL for this run (sandbox, proxy, test)',
  sync: async (options, url) => {
    const { syncSalesforce } = await import('../sync/salesforce/sync-salesforce.js');
    return syncSalesforce({ ...options, ...(url ? { instanceUrl: url } : {}) });
  },
};

const hubspot: CrmSync = {
  command: 'hubspot',
  name: 'HubSpot',
  urlFlag: '--base-url <url>',
  urlHelp: 'use this API base URL for this run (proxy, test)',
  sync: async (options, url) => {
    const { syncHubSpot } = await import('../sync/hubspot/sync-hubspot.js');
    return syncHubSpot({ ...options, ...(url ? { baseUrl: url } : {}) });
  },
};

/**
 * `rudder sync salesforce|hubspot`: one sync now, in this process, with progress; and
 * `rudder sync connect salesforce|hubspot`: store the connection (sync-connect-command.ts).
 */
export function syncCommand(): Command {
  return new Command('sync')
    .description('Sync from a CRM (Salesforce, HubSpot), or connect one.')
    .addCommand(crmSyncCommand(salesforce))
    .addCommand(crmSyncCommand(hubspot))
    .addCommand(connectCommand());
}

function crmSyncCommand(crm: CrmSync): Command {
  return new Command(crm.command)
    .description(
      `Sync from ${crm.name} now: what changed since the last run, all or nothing per object.`,
    )
    .option('--org <slug>', 'the organization (default: the only one)')
    .option('--full', 'read every record again, not only what changed since the last run')
    .option('--dry-run', 'read and check everything; write nothing (cursors included)')
    .option(crm.urlFlag, crm.urlHelp, readUrl)
    .option('--json', 'print the result as JSON')
    .action(async (options: SyncOptions) => {
      const config = loadConfig();
      const { SecretBox } = await import('../sync/secret-box.js');
      const box = SecretBox.fromConfig(config.CRM_SECRET_KEY);
      const result = await withDb(config, async (db) => {
        const org = await findOrg(db, options.org);
        return crm.sync(
          {
            db,
            orgId: org.id,
            box,
            clock: systemClock,
            full: options.full === true,
            dryRun: options.dryRun === true,
            onProgress: ({ object, rowsRead }) => {
              if (options.json !== true) process.stderr.write(`  ${object}: ${rowsRead} read\n`);
            },
          },
          options.instanceUrl ?? options.baseUrl,
        );
      });
      printResult(crm.name, result, options);
      if (result.status !== 'succeeded') process.exitCode = 1;
    });
}

function printResult(crm: string, result: SyncResult, options: SyncOptions): void {
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const lines = result.objects.map((o) =>
    o.counts === null
      ? `${o.object.padEnd(20)} no change`
      : `${o.object.padEnd(20)} ${o.status.padEnd(9)} ${o.counts.rows} read: ${o.counts.new} new, ` +
        `${o.counts.changed} changed, ${o.counts.unchanged} unchanged, ${o.counts.errors} errors, ` +
        `${o.counts.events} events${o.deleted > 0 ? `, ${o.deleted} deleted in ${crm}` : ''}` +
        `${o.skipped > 0 ? `, ${o.skipped} skipped` : ''}${o.cursor ? ` — cursor ${o.cursor}` : ''}` +
        o.errors
          .slice(0, 5)
          .map((e) => `\n    line ${e.line ?? '-'} ${e.field}: ${e.reason}`)
          .join(''),
  );
  const stages =
    result.stagesAdded.length > 0 ? [`stages added: ${result.stagesAdded.join(', ')}`] : [];
  const head =
    `${crm} sync${options.dryRun ? ' (dry run)' : ''}: ${result.status}` +
    `${result.message ? ` — ${result.message}` : ''} (${result.requests} API requests)`;
  process.stdout.write(`${[head, ...lines, ...stages].join('\n')}\n`);
}
