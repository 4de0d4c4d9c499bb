import { z } from 'zod';
import { AppError } from '../shared/app-error.js';

const intFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every setting Rudder reads from the environment, in one schema. The README's
 * configuration table lists the same names and defaults.
 */
export const ConfigSchema = z.object({
  PORT: intFromEnv(0, 65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL server; when absent Rudder runs on the embedded PGlite. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user@host:port/database' })
    .optional(),
  /**
   * A streaming standby of DATABASE_URL. Leaders' reports read from it while it is at most
   * REPLICA_MAX_LAG_SECONDS behind, else from DATABASE_URL (docs/scaling.md).
   */
  DATABASE_REPLICA_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user@host:port/database' })
    .optional(),
  REPLICA_MAX_LAG_SECONDS: intFromEnv(0, 3_600).default(30),
  RUDDER_DATA_DIR: z.string().min(1).default('./rudder-data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address people open; used in e-mails and calendar links. */
  PUBLIC_URL: z.url().optional(),
  SESSION_IDLE_MINUTES: intFromEnv(5, 60 * 24 * 30).default(60 * 12),
  SESSION_ABSOLUTE_HOURS: intFromEnv(1, 24 * 365).default(24 * 14),
  /** Behind a reverse proxy that sets X-Forwarded-For/-Proto (HTTPS → Secure cookies). */
  TRUST_PROXY: z.stringbool().default(false),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default('Rudder <rudder@localhost>'),
  /** Largest CSV upload or ingest batch the HTTP API accepts, in megabytes. */
  IMPORT_BODY_LIMIT_MB: intFromEnv(1, 10_240).default(200),
  /**
   * Seconds a server's job loop waits between polls when no job is due: how late a reminder
   * or an e-mail may start at most. Each poll costs a few small queries per process.
   */
  JOB_POLL_SECONDS: intFromEnv(1, 3_600).default(5),
  /**
   * Seconds a server's claim on a job holds without renewal. The claim is renewed every third
   * of it while the job runs, so this is how soon another server takes over the job of a
   * server that died (docs/scaling.md); below 3 a slow database could let a live claim lapse.
   */
  JOB_LEASE_SECONDS: intFromEnv(3, 3_600).default(30),
  /**
   * Megabytes of computed agendas and scorecards a server process keeps, each reused until
   * the data it was computed from changes; 0 computes every request afresh.
   */
  RESULT_CACHE_MB: intFromEnv(0, 4_096).default(16),
  /**
   * The key that seals CRM tokens at rest (AES-256-GCM): 32 bytes as 64 hex digits or as
   * base64. Without it no CRM connection can be stored (src/sync/secret-box.ts).
   */
  CRM_SECRET_KEY: z
    .string()
    .refine((text) => secretKeyBytes(text) !== null, {
      error: 'expected 32 bytes: 64 hex digits or 44 base64 characters (openssl rand -hex 32)',
    })
    .optional(),
  /**
   * The Salesforce connected app (consumer key and secret) that the admin's "Connect
   * Salesforce" button authorizes (OAuth web-server flow, docs/crm-sync.md). Its callback URL
   * must be `<PUBLIC_URL>/api/v1/crm/salesforce/oauth/callback`.
   */
  SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the button sends the admin to sign in (default login.salesforce.com; a sandbox: test.). */
  SALESFORCE_LOGIN_URL: z.url({ protocol: /^https?$/ }).optional(),
});

/** The 32 bytes of a CRM_SECRET_KEY written in hex or base64, or null when it is not that. */
export function secretKeyBytes(text: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/]{43}=$/.test(text)
      ? Buffer.from(text, 'base64')
      : null;
  return bytes?.length === 32 ? bytes : null;
}

export type Config = z.infer<typeof ConfigSchema>;

/** Variables whose values are secrets. */
const secretVariables = new Set(['CRM_SECRET_KEY', 'SALESFORCE_CLIENT_SECRET']);

/** Parses the environment; a bad value is an error that names the variable and the reason. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as shells and .env files usually intend.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.');
    // A secret's value is never repeated, not even a wrong one: the message reaches logs.
    const value = secretVariables.has(field) ? '(hidden)' : env[field];
    return { field, value, reason: issue.message };
  });
  const lines = issues.map((i) => `  ${i.field}=${JSON.stringify(i.value ?? '')}: ${i.reason}`);
  throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`, { issues });
}
