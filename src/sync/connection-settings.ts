import { z } from 'zod';

/**
 * What an admin chooses for a CRM connection, with defaults: `{}` is a valid setting.
 * - `amountField`: the opportunity field read as its amount (a custom currency field such as
 *   `ARR__c` instead of `Amount`);
 * - `scheduleMinutes`: how often the sync runs on its own (hourly by default);
 * - HubSpot only: `pipelines`, the deal pipeline ids read (all when absent), and
 *   `teamManagers`, per HubSpot team (name or id) the e-mail of the person who manages it
 *   (HubSpot has no reporting lines).
 */
export const ConnectionSettingsSchema = z.object({
  amountField: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a field API name such as Amount or ARR__c')
    .default('Amount'),
  scheduleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  pipelines: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  teamManagers: z.record(z.string().min(1).max(200), z.email()).optional(),
});

export type ConnectionSettings = z.output<typeof ConnectionSettingsSchema>;
