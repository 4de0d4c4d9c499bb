import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config/config.js';
import { systemClock } from '../shared/clock.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';

interface SyncOptions {
  org?: string;
  full?: boolean;
  dryRun?: boolean;
  instanceUrl?: string;
  json?: boolean;
}

interface ConnectOptions {
  org?: string;
  instanceUrl: string;
  loginUrl?: string;
  clientId: string;
  auth: 'refresh-token' | 'jwt-bearer';
  username?: string;
  privateKeyFile?: string;
  amountField?: string;
  everyMinutes?: number;
}

/**
 * `rudder sync salesforce`: one sync now, in this process, with progress; and
 * `rudder sync connect salesforce`: store the connection. Secrets never come from the
 * command line (other users see it in `ps`): tokens from stdin, a private key from a file.
 */
export function syncCommand(): Command {
  return new Command('sync')
    .description('Sync from a CRM (Salesforce), or connect one.')
    .addCommand(salesforceCommand())
    .addCommand(connectCommand());
}

function salesforceCommand(): Command {
  return new Command('salesforce')
    .description(
      'Sync from Salesforce now: what changed since the last run, all or nothing per object.',
    )
    .option('--org <slug>', 'the organization (default: the only one)')
    .option('--full', 'read every record again, not only what changed since the last run')
    .option('--dry-run', 'read and check everything; write nothing (cursors included)')
    .option(
      '--instance-url <url>',
      'use this API base URL for this run (sandbox, proxy, test)',
      readUrl,
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: SyncOptions) => {
      const config = loadConfig();
      const { SecretBox } = await import('../sync/secret-box.js');
      const { syncSalesforce } = await import('../sync/salesforce/sync-salesforce.js');
      const box = SecretBox.fromConfig(config.CRM_SECRET_KEY);
      const result = await withDb(config, async (db) => {
        const org = await findOrg(db, options.org);
        return syncSalesforce({
          db,
          orgId: org.id,
          box,
          clock: systemClock,
          full: options.full === true,
          dryRun: options.dryRun === true,
          ...(options.instanceUrl ? { instanceUrl: options.instanceUrl } : {}),
          onProgress: ({ object, rowsRead }) => {
            if (options.json !== true) process.stderr.write(`  ${object}: ${rowsRead} read\n`);
          },
        });
      });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const lines = result.objects.map((o) =>
          o.counts === null
            ? `${o.object.padEnd(20)} no change`
            : `${o.object.padEnd(20)} ${o.status.padEnd(9)} ${o.counts.rows} read: ${o.counts.new} new, ` +
              `${o.counts.changed} changed, ${o.counts.unchanged} unchanged, ${o.counts.errors} errors, ` +
              `${o.counts.events} events${o.deleted > 0 ? `, ${o.deleted} deleted in Salesforce` : ''}` +
              `${o.skipped > 0 ? `, ${o.skipped} skipped` : ''}${o.cursor ? ` — cursor ${o.cursor}` : ''}` +
              o.errors
                .slice(0, 5)
                .map((e) => `\n    line ${e.line ?? '-'} ${e.field}: ${e.reason}`)
                .join(''),
        );
        const stages =
          result.stagesAdded.length > 0 ? [`stages added: ${result.stagesAdded.join(', ')}`] : [];
        const head =
          `Salesforce sync${options.dryRun ? ' (dry run)' : ''}: ${result.status}` +
          `${result.message ? ` — ${result.message}` : ''} (${result.requests} API requests)`;
        process.stdout.write(`${[head, ...lines, ...stages].join('\n')}\n`);
      }
      if (result.status !== 'succeeded') process.exitCode = 1;
    });
}

function connectCommand(): Command {
  return new Command('connect')
    .description(
      'Connect Salesforce: refresh-token auth reads the refresh token (line 1) and the client ' +
        'secret (line 2, optional) from stdin; jwt-bearer reads the private key from a file.',
    )
    .argument('<crm>', 'salesforce')
    .option('--org <slug>', 'the organization (default: the only one)')
    .requiredOption('--instance-url <url>', "the org's My Domain URL", readUrl)
    .option(
      '--login-url <url>',
      'token endpoint host (default https://login.salesforce.com)',
      readUrl,
    )
    .requiredOption('--client-id <id>', "the connected app's consumer key")
    .addOption(
      new Option('--auth <kind>', 'how Rudder signs in')
        .choices(['refresh-token', 'jwt-bearer'])
        .default('refresh-token'),
    )
    .option('--username <user>', 'the Salesforce user the JWT bearer flow acts as')
    .option('--private-key-file <pem>', 'the JWT bearer flow private key (PEM)')
    .option('--amount-field <field>', 'the opportunity field read as the amount (default Amount)')
    .option('--every-minutes <n>', 'how often the server syncs (default 60)', readMinutes)
    .action(async (crm: string, options: ConnectOptions) => {
      if (crm !== 'salesforce')
        throw new InvalidArgumentError('only salesforce can be connected yet');
      const config = loadConfig();
      const { SecretBox } = await import('../sync/secret-box.js');
      const { connectCrm } = await import('../sync/connect-crm.js');
      const box = SecretBox.fromConfig(config.CRM_SECRET_KEY);
      const secrets =
        options.auth === 'jwt-bearer' ? await jwtSecrets(options) : await tokenSecrets();
      await withDb(config, async (db) => {
        const org = await findOrg(db, options.org);
        await connectCrm(db, {
          orgId: org.id,
          kind: 'salesforce',
          instanceUrl: options.instanceUrl,
          loginUrl: options.loginUrl ?? null,
          authKind: options.auth,
          clientId: options.clientId,
          username: options.username ?? null,
          secrets,
          settings: {
            ...(options.amountField ? { amountField: options.amountField } : {}),
            ...(options.everyMinutes ? { scheduleMinutes: options.everyMinutes } : {}),
          },
          actorId: null,
          box,
          now: systemClock.now(),
        });
      });
      process.stdout.write(
        `Salesforce connected (${options.auth}); run \`rudder sync salesforce\`.\n`,
      );
    });
}

async function tokenSecrets() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const [refreshToken, clientSecret] = Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.trim());
  if (!refreshToken) throw new InvalidArgumentError('stdin: expected the refresh token on line 1');
  return { refreshToken, ...(clientSecret ? { clientSecret } : {}) };
}

async function jwtSecrets(options: ConnectOptions) {
  if (!options.privateKeyFile || !options.username) {
    throw new InvalidArgumentError('--auth jwt-bearer needs --private-key-file and --username');
  }
  return { privateKey: await readFile(options.privateKeyFile, 'utf8') };
}

function readUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return url.toString().replace(/\/+$/, '');
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL, e.g. https://acme.my.salesforce.com');
  }
}

function readMinutes(value: string): number {
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440)
    throw new InvalidArgumentError('expected whole minutes from 5 to 1440');
  return minutes;
}
