import { z } from 'zod';
import { crmKinds } from '../../db/schema/operations.js';
import { LastRunSchema } from '../../sync/crm-connection.js';

/** What the admin sees of a connection: never a token, key or secret (they are not read). */
export const CrmConnectionSchema = z
  .object({
    kind: z.enum(crmKinds),
    instanceUrl: z.string(),
    loginUrl: z.string().nullable(),
    authKind: z.string(),
    clientId: z.string().nullable(),
    username: z.string().nullable(),
    cursors: z
      .record(z.string(), z.string())
      .describe('per CRM object, the last SystemModstamp (HubSpot: hs_lastmodifieddate) synced'),
    settings: z.object({
      amountField: z.string(),
      scheduleMinutes: z.number(),
      pipelines: z.array(z.string()).optional().describe('HubSpot: the deal pipelines read'),
      teamManagers: z
        .record(z.string(), z.string())
        .optional()
        .describe("HubSpot: per team (name or id), its manager's e-mail"),
    }),
    status: z.enum(['active', 'stopped']),
    statusMessage: z.string().nullable().describe('why the sync stopped, for the admin'),
    lastSyncAt: z.string().nullable(),
    runningUntil: z
      .string()
      .nullable()
      .describe('until when a run holds the connection (renewed while it lives)'),
    lastRun: LastRunSchema.nullable().describe('what the last run did, in words and counts'),
  })
  .meta({ id: 'CrmConnection' });

/** A CRM the organization can connect, with its connection (if any) and its run's state. */
export const CrmListingSchema = z
  .object({
    kind: z.enum(crmKinds),
    label: z.string(),
    connectInBrowser: z.boolean().describe('"Connect" starts an OAuth flow from the web screen'),
    connectCommand: z.string().describe('the CLI command that connects it without a browser'),
    connection: CrmConnectionSchema.nullable(),
    running: z.boolean(),
    queued: z.boolean().describe('a sync job is due and not done yet'),
  })
  .meta({ id: 'CrmListing' });

/** `GET /api/v1/crm`: what the admin's CRM screen shows. */
export const CrmListSchema = z.object({
  crms: z.array(CrmListingSchema),
  secretKeyConfigured: z
    .boolean()
    .describe('false: this server has no CRM_SECRET_KEY and can neither store nor run a sync'),
});
