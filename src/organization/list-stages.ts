import { z } from 'zod';
import type { Queryable } from '../db/database.js';
import { stageKinds } from '../db/schema/pipeline.js';

export const StageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    kind: z.enum(stageKinds),
    probability: z.number().int(),
  })
  .meta({ id: 'OpportunityStage' });
export type StageView = z.infer<typeof StageSchema>;

/** The organization's opportunity stages in the order of the sales process. */
export async function listStages(db: Queryable, orgId: string): Promise<StageView[]> {
  return db.query<StageView>(
    'select id, name, position, kind, probability from stage where org_id = $1 order by position, name',
    [orgId],
  );
}
