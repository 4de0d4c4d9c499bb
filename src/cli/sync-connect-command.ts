import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config/config.js';
import { AppError } from '../shared/app-error.js';
import { systemClock } from '../shared/clock.js';
import { findOrg } from './find-org.js';
import { withDb } from './open-db.js';
import { readUrl } from './read-url.js';

interface ConnectOptions {
  org?: string;
  instanceUrl?: string;
  baseUrl?: string;
  loginUrl?: string;
  clientId?: string;
  auth?: 'refresh-token' | 'jwt-bearer' | 'private-app';
  username?: string;
  privateKeyFile?: string;
  secretsFile?: string;
  amountField?: string;
  everyMinutes?: number;
  pipelines?: string[];
  teamManager?: Record<string, string>;
}

/**
 * `rudder sync connect salesforce|hubspot`: store the connection. Secrets never come from
 * the command line (other users see it in `ps`): tokens from stdin or a file, a private key
 * from a file.
 */
export function connectCommand(): Command {
  return new Command('connect')
    .description(
      'Connect a CRM. Salesforce: refresh-token auth reads the refresh token (line 1) and the ' +
        'client secret (line 2, optional) from stdin; jwt-bearer reads the private key from a ' +
        'file. HubSpot: private-app auth reads the app token (line 1), refresh-token auth the ' +
        'refresh token (line 1) and client secret (line 2), from stdin or --secrets-file.',
    )
    .argument('<crm>', 'salesforce or hubspot')
    .option('--org <slug>', 'the organization (default: the only one)')
    .option('--instance-url <url>', "Salesforce: the org's My Domain URL", readUrl)
    .option(
      '--base-url <url>',
      'HubSpot: the API base URL (default https://api.hubapi.com)',
      readUrl,
    )
    .option(
      '--login-url <url>',
      'token endpoint host (default https://login.salesforce.com; HubSpot: the base URL)',
      readUrl,
    )
    .option('--client-id <id>', "the connected app's consumer key / the HubSpot app's client id")
    .addOption(
      new Option(
        '--auth <kind>',
        'how Rudder signs in (default: refresh-token for Salesforce, private-app for HubSpot)',
      ).choices(['refresh-token', 'jwt-bearer', 'private-app']),
    )
    .option('--username <user>', 'the Salesforce user the JWT bearer flow acts as')
    .option('--private-key-file <pem>', 'the JWT bearer flow private key (PEM)')
    .option('--secrets-file <path>', 'read the token lines from this file instead of stdin')
    .option('--amount-field <field>', 'the deal field read as the amount (default Amount / amount)')
    .option('--every-minutes <n>', 'how often the server syncs (default 60)', readMinutes)
    .option('--pipelines <ids>', 'HubSpot: the deal pipeline ids to read (default: all)', readList)
    .option(
      '--team-manager <team=email>',
      'HubSpot: who manages a HubSpot team (name or id); repeatable',
      readTeamManager,
    )
    .action(async (crm: string, options: ConnectOptions) => {
      if (crm !== 'salesforce' && crm !== 'hubspot')
        throw new InvalidArgumentError('expected salesforce or hubspot');
      const plan = crm === 'salesforce' ? salesforcePlan(options) : hubspotPlan(options);
      const config = loadConfig();
      const { SecretBox } = await import('../sync/secret-box.js');
      const { connectCrm } = await import('../sync/connect-crm.js');
      const box = SecretBox.fromConfig(config.CRM_SECRET_KEY);
      const secrets = await plan.secrets();
      await withDb(config, async (db) => {
        const org = await findOrg(db, options.org);
        await connectCrm(db, {
          orgId: org.id,
          kind: crm,
          instanceUrl: plan.instanceUrl,
          loginUrl: options.loginUrl ?? null,
          authKind: plan.authKind,
          clientId: options.clientId ?? null,
          username: options.username ?? null,
          secrets,
          settings: {
            ...(options.amountField ? { amountField: options.amountField } : {}),
            ...(options.everyMinutes ? { scheduleMinutes: options.everyMinutes } : {}),
            ...(options.pipelines ? { pipelines: options.pipelines } : {}),
            ...(options.teamManager ? { teamManagers: options.teamManager } : {}),
          },
          actorId: null,
          box,
          now: systemClock.now(),
        });
      });
      const name = crm === 'salesforce' ? 'Salesforce' : 'HubSpot';
      process.stdout.write(`${name} connected (${plan.auth}); run \`rudder sync ${crm}\`.\n`);
    });
}

interface ConnectPlan {
  instanceUrl: string;
  auth: string;
  authKind: 'refresh-token' | 'jwt-bearer' | 'access-token';
  secrets: () => Promise<{ [key: string]: string }>;
}

function salesforcePlan(options: ConnectOptions): ConnectPlan {
  const auth = options.auth ?? 'refresh-token';
  if (auth === 'private-app') throw refused('private-app is a HubSpot auth');
  if (!options.instanceUrl) throw refused('salesforce needs --instance-url');
  if (!options.clientId) throw refused('salesforce needs --client-id');
  return {
    instanceUrl: options.instanceUrl,
    auth,
    authKind: auth,
    secrets: () => (auth === 'jwt-bearer' ? jwtSecrets(options) : tokenSecrets(options)),
  };
}

function hubspotPlan(options: ConnectOptions): ConnectPlan {
  const auth = options.auth ?? 'private-app';
  if (auth === 'jwt-bearer') throw refused('HubSpot has no JWT bearer flow');
  if (auth === 'refresh-token' && !options.clientId)
    throw refused("hubspot refresh-token auth needs the app's --client-id");
  return {
    instanceUrl: options.baseUrl ?? 'https://api.hubapi.com',
    auth,
    authKind: auth === 'private-app' ? 'access-token' : 'refresh-token',
    secrets: async () => {
      if (auth === 'refresh-token') {
        const secrets = await tokenSecrets(options);
        if (!secrets.clientSecret) throw refused('expected the client secret on line 2');
        return secrets;
      }
      const [accessToken] = await secretLines(options);
      if (!accessToken) throw refused('expected the private app token on line 1');
      return { accessToken };
    },
  };
}

/** A connection the options cannot make: said plainly, exit code 1. */
const refused = (message: string) => new AppError('VALIDATION_FAILED', message);

/** The secret lines, from --secrets-file or stdin: never from the command line. */
async function secretLines(options: ConnectOptions): Promise<string[]> {
  let text: string;
  if (options.secretsFile) {
    text = await readFile(options.secretsFile, 'utf8');
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  }
  return text.split(/\r?\n/).map((line) => line.trim());
}

async function tokenSecrets(options: ConnectOptions) {
  const [refreshToken, clientSecret] = await secretLines(options);
  if (!refreshToken) throw new InvalidArgumentError('expected the refresh token on line 1');
  return { refreshToken, ...(clientSecret ? { clientSecret } : {}) };
}

async function jwtSecrets(options: ConnectOptions) {
  if (!options.privateKeyFile || !options.username) {
    throw new InvalidArgumentError('--auth jwt-bearer needs --private-key-file and --username');
  }
  return { privateKey: await readFile(options.privateKeyFile, 'utf8') };
}

function readList(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected ids separated by commas');
  return items;
}

function readTeamManager(value: string, previous: Record<string, string> | undefined) {
  const at = value.lastIndexOf('=');
  const team = value.slice(0, at).trim();
  const email = value.slice(at + 1).trim();
  if (at <= 0 || !email.includes('@'))
    throw new InvalidArgumentError('expected TEAM=EMAIL, e.g. "East=mia@acme.com"');
  return { ...previous, [team]: email };
}

function readMinutes(value: string): number {
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440)
    throw new InvalidArgumentError('expected whole minutes from 5 to 1440');
  return minutes;
}
