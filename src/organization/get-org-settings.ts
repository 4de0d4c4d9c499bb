import { z } from 'zod';
import { OrgSettingsSchema } from '../core/settings.js';
import type { Queryable } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';

export const OrgSettingsViewSchema = z
  .object({
    name: z.string(),
    currency: z.string(),
    locale: z.string(),
    timeZone: z.string(),
    fiscalYearStartMonth: z.number().int(),
    settings: OrgSettingsSchema,
  })
  .meta({ id: 'OrgSettings' });
export type OrgSettingsView = z.infer<typeof OrgSettingsViewSchema>;

/** The organization's thresholds (defaults filled in) and its calendar basics. */
export async function getOrgSettings(db: Queryable, orgId: string): Promise<OrgSettingsView> {
  const org = await loadOrgContext(db, orgId);
  return {
    name: org.name,
    currency: org.currency,
    locale: org.locale,
    timeZone: org.timeZone,
    fiscalYearStartMonth: org.fiscalYearStartMonth,
    settings: org.settings,
  };
}
