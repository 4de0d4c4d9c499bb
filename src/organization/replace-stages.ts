import type { Database } from '../db/database.js';
import type { StageKind } from '../db/schema/pipeline.js';
import { AppError } from '../shared/app-error.js';
import { listStages, type StageView } from './list-stages.js';
import { recordAudit } from './record-audit.js';
import { conflictOrRethrow } from './unique-violation.js';

export interface StageInput {
  id?: string | undefined;
  name: string;
  kind: StageKind;
  probability: number;
}

/**
 * Replaces the stage list: stages with an id are updated, others added, missing ones removed
 * (409 when an opportunity still uses one). The list order becomes the position.
 */
export async function replaceStages(
  db: Database,
  options: { orgId: string; actorId: string; stages: StageInput[]; now: Date },
): Promise<StageView[]> {
  const names = options.stages.map((s) => s.name.toLowerCase());
  if (new Set(names).size !== names.length) {
    throw new AppError('VALIDATION_FAILED', 'stages: two stages have the same name.', {
      issues: [{ field: 'body.stages', reason: 'names must be unique' }],
    });
  }
  await db.transaction(async (tx) => {
    const existing = new Set((await listStages(tx, options.orgId)).map((s) => s.id));
    const kept = options.stages.flatMap((s) => (s.id ? [s.id] : []));
    for (const [i, id] of kept.entries()) {
      if (!existing.has(id)) {
        throw new AppError('VALIDATION_FAILED', `stages: no stage ${id} in this organization.`, {
          issues: [{ field: `body.stages.${i}.id`, reason: 'no such stage' }],
        });
      }
    }
    try {
      // Free the names first so that swapping two names does not trip the unique index.
      await tx.query(`update stage set name = id::text where org_id = $1`, [options.orgId]);
      await tx.query('delete from stage where org_id = $1 and not (id = any($2::uuid[]))', [
        options.orgId,
        kept,
      ]);
      for (const [i, s] of options.stages.entries()) {
        const values = [options.orgId, s.name, i + 1, s.kind, s.probability];
        if (s.id) {
          await tx.query(
            `update stage set name = $2, position = $3, kind = $4, probability = $5
              where org_id = $1 and id = $6`,
            [...values, s.id],
          );
        } else {
          await tx.query(
            'insert into stage (org_id, name, position, kind, probability) values ($1, $2, $3, $4, $5)',
            values,
          );
        }
      }
    } catch (error: unknown) {
      conflictOrRethrow(error, 'A stage still used by opportunities cannot be removed.');
    }
    await recordAudit(tx, {
      orgId: options.orgId,
      actorId: options.actorId,
      action: 'stages.replaced',
      details: { stages: options.stages.map((s) => s.name) },
      at: options.now,
    });
  });
  return listStages(db, options.orgId);
}
