import { z } from 'zod';
import { CadenceSchema } from '../core/cadence-schema.js';
import { type OrgSettings, OrgSettingsSchema } from '../core/settings.js';
import type { Database } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { getOrgSettings, type OrgSettingsView } from './get-org-settings.js';
import { recordAudit } from './record-audit.js';

const shape = OrgSettingsSchema.shape;
type Shape = typeof shape;

/**
 * A partial change of the settings: every field optional and WITHOUT its default (absent =
 * unchanged). The cadence is strict here: only stored settings may still hold the old `daily`.
 */
export const OrgSettingsPatchSchema = z
  .strictObject({
    ...(Object.fromEntries(
      Object.entries(shape).map(([key, field]) => [key, field.unwrap().optional()]),
    ) as {
      [K in Exclude<keyof Shape, 'cadence'>]: z.ZodOptional<ReturnType<Shape[K]['unwrap']>>;
    }),
    cadence: CadenceSchema.optional(),
  })
  .meta({ id: 'OrgSettingsPatch' });
export type OrgSettingsPatch = z.infer<typeof OrgSettingsPatchSchema>;

/** Merges a change over the current settings, validates the whole, stores it, and audits the diff. */
export async function updateOrgSettings(
  db: Database,
  options: { orgId: string; actorId: string; patch: OrgSettingsPatch; now: Date },
): Promise<OrgSettingsView> {
  const org = await loadOrgContext(db, options.orgId);
  const next: OrgSettings = OrgSettingsSchema.parse({ ...org.settings, ...options.patch });
  const changed = Object.keys(options.patch).filter(
    (k) =>
      JSON.stringify(org.settings[k as keyof OrgSettings]) !==
      JSON.stringify(next[k as keyof OrgSettings]),
  );
  await db.transaction(async (tx) => {
    await tx.query('update org set settings = $2 where id = $1', [
      options.orgId,
      JSON.stringify(next),
    ]);
    await recordAudit(tx, {
      orgId: options.orgId,
      actorId: options.actorId,
      action: 'settings.changed',
      subjectType: 'org',
      subjectId: options.orgId,
      details: Object.fromEntries(
        changed.map((k) => [
          k,
          { from: org.settings[k as keyof OrgSettings], to: next[k as keyof OrgSettings] },
        ]),
      ),
      at: options.now,
    });
  });
  return getOrgSettings(db, options.orgId);
}
