import { Command } from 'commander';
import { issueSetupToken, setupLink } from '../auth/issue-setup-token.js';
import { loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import {
  type CreatedOrganization,
  createOrganization,
} from '../organization/create-organization.js';
import { listOrganizations } from '../organization/list-organizations.js';
import { AppError, isAppError } from '../shared/app-error.js';
import { systemClock } from '../shared/clock.js';
import { withDb } from './open-db.js';

export interface OrgCreateFlags {
  name: string;
  currency: string;
  timeZone: string;
  fiscalYearStart: string;
  adminEmail: string;
  adminName?: string;
  slug?: string;
  adminPasswordStdin?: boolean;
}

/** The flag that carries each field of the schema, so that an error names what to fix. */
const flagOfField: Readonly<Record<string, string>> = {
  name: '--name',
  slug: '--slug',
  currency: '--currency',
  timeZone: '--time-zone',
  fiscalYearStartMonth: '--fiscal-year-start',
  'admin.email': '--admin-email',
  'admin.name': '--admin-name',
  'admin.password': '--admin-password-stdin',
};

/** `rudder org create` and `rudder org list`. */
export function orgCommand(): Command {
  const org = new Command('org').description(
    'Create and list organizations, or print a link to set one up in the browser.',
  );
  org
    .command('create')
    .description(
      'Create an organization with the default stages and settings, and its first admin.',
    )
    .requiredOption('--name <name>', 'the organization\'s name, e.g. "Acme Sales"')
    .requiredOption('--currency <code>', 'ISO 4217 currency of goals and amounts, e.g. EUR')
    .requiredOption('--time-zone <zone>', 'IANA time zone that decides the day, e.g. Europe/Paris')
    .requiredOption('--fiscal-year-start <month>', 'month the fiscal year starts, 1-12')
    .requiredOption('--admin-email <email>', "the first admin's e-mail (their sign-in)")
    .option('--admin-name <name>', "the first admin's name (default: the e-mail's local part)")
    .option('--slug <slug>', 'short name used by --org and the sign-in form (default: from --name)')
    .option(
      '--admin-password-stdin',
      'read the admin password from standard input instead of printing a sign-in link',
    )
    .action(async (flags: OrgCreateFlags) => {
      const config = loadConfig();
      // Read before the database opens: a pipe that fails leaves no data folder behind.
      const password = flags.adminPasswordStdin ? await readPasswordFromStdin() : undefined;
      try {
        const output = await withDb(config, (db) =>
          runOrgCreate(db, flags, {
            now: systemClock.now(),
            publicUrl: config.PUBLIC_URL,
            ...(password === undefined ? {} : { password }),
          }),
        );
        process.stdout.write(output);
      } catch (error: unknown) {
        if (!isRefusedValue(error)) throw error;
        // Exit code 2: the command was used wrongly, as for any usage error.
        process.stderr.write(`rudder: ${error.message}\n`);
        process.exitCode = 2;
      }
    });
  org
    .command('list')
    .description('List the organizations: slug, name, people, created.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const output = await withDb(loadConfig(), (db) => runOrgList(db, options));
      process.stdout.write(output);
    });
  org
    .command('setup-token')
    .description(
      'Print a single-use link (valid one hour) to set up one more organization in the browser.',
    )
    .action(async () => {
      const config = loadConfig();
      const output = await withDb(config, (db) =>
        runOrgSetupToken(db, { now: systemClock.now(), publicUrl: config.PUBLIC_URL }),
      );
      process.stdout.write(output);
    });
  return org;
}

/**
 * A setup link for one more organization. Without an organization the setup screen needs
 * none, but the link works then too.
 */
export async function runOrgSetupToken(
  db: Database,
  context: { now: Date; publicUrl?: string | undefined },
): Promise<string> {
  const { token, expiresAt } = await issueSetupToken(db, { now: context.now });
  return [
    'Open this link to set up a new organization and its first admin in the browser',
    `(it works once, until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC):`,
    `  ${setupLink(context.publicUrl, token)}`,
    '',
  ].join('\n');
}

export interface OrgCreateContext {
  now: Date;
  publicUrl?: string | undefined;
  /** Given with --admin-password-stdin. */
  password?: string;
}

/**
 * Creates the organization and answers what to print. A refused value throws an AppError
 * whose message names the flag, e.g. "--currency: 'USX' is not an ISO 4217 currency code".
 */
export async function runOrgCreate(
  db: Database,
  flags: OrgCreateFlags,
  context: OrgCreateContext,
): Promise<string> {
  let created: CreatedOrganization;
  try {
    created = await createOrganization(db, {
      input: {
        name: flags.name,
        ...(flags.slug === undefined ? {} : { slug: flags.slug }),
        currency: flags.currency,
        timeZone: flags.timeZone,
        fiscalYearStartMonth: monthNumber(flags.fiscalYearStart),
        admin: {
          email: flags.adminEmail,
          ...(flags.adminName === undefined ? {} : { name: flags.adminName }),
          ...(context.password === undefined ? {} : { password: context.password }),
        },
      },
      now: context.now,
      publicUrl: context.publicUrl,
    });
  } catch (error: unknown) {
    if (!isRefusedValue(error)) throw error;
    throw new AppError(error.code, namedByFlag(error, flags), {
      cause: error,
      issues: error.issues,
    });
  }
  const lines = [
    `Organization "${flags.name.trim()}" created (slug ${created.slug}), with the default stages and settings.`,
    `Admin: ${flags.adminEmail}`,
    ...(created.signInLink === null
      ? ['The admin signs in with the password read from standard input.']
      : [
          'Sign-in link for the admin (single use, valid 7 days) to choose a password:',
          `  ${created.signInLink}`,
        ]),
    `Next: rudder import people <file.csv> --org ${created.slug}`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function runOrgList(db: Database, options: { json?: boolean }): Promise<string> {
  const orgs = await listOrganizations(db);
  if (options.json) return `${JSON.stringify(orgs, null, 2)}\n`;
  if (orgs.length === 0)
    return 'No organization yet; create one with `rudder org create` (or try `rudder demo`).\n';
  const rows = [
    ['slug', 'name', 'people', 'created'],
    ...orgs.map((o) => [o.slug, o.name, String(o.people), o.createdAt.slice(0, 10)]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)));
  return `${rows
    .map((row) =>
      row
        .map((cell, c) => (c === 2 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** A whole number stays a number for the schema; anything else reaches it as typed. */
function monthNumber(value: string): number | string {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

function isRefusedValue(error: unknown): error is AppError {
  return (
    isAppError(error) &&
    (error.code === 'VALIDATION_FAILED' || error.code === 'CONFLICT') &&
    error.issues.length > 0
  );
}

function namedByFlag(error: AppError, flags: OrgCreateFlags): string {
  return error.issues
    .map((issue) => {
      const flag = flagOfField[issue.field] ?? issue.field;
      // A taken slug the user never typed was made of the name: say where it came from.
      const from = issue.field === 'slug' && flags.slug === undefined ? ' (made of --name)' : '';
      return `${flag}${from}: ${issue.reason}`;
    })
    .join('\n');
}

/** All of standard input, less the one line break `echo` or a here-string adds. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
