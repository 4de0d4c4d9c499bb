import type { Queryable } from '../../db/database.js';
import type { StageKind } from '../../db/schema/pipeline.js';
import type { SalesforceRecord } from './salesforce-api.js';
import { field } from './salesforce-mapping.js';

interface CrmStage {
  name: string;
  kind: StageKind;
  probability: number;
  sortOrder: number;
}

/**
 * The organization's stages matched to Salesforce's OpportunityStage list (by name, ignoring
 * case), and the missing ones created with the kind (IsWon/IsClosed) and default probability
 * Salesforce gives them, in its order: open stages after the existing open ones, closed
 * stages last. Existing stages are never changed: an admin may have tuned them. Inactive
 * stages are created too, since old deals still sit in them. Answers the names created.
 */
export async function matchStages(
  tx: Queryable,
  orgId: string,
  records: readonly SalesforceRecord[],
): Promise<string[]> {
  const crm: CrmStage[] = records.map((record) => ({
    name: field(record, 'MasterLabel') || field(record, 'ApiName'),
    kind: record.IsWon === true ? 'won' : record.IsClosed === true ? 'lost' : 'open',
    probability: Math.min(100, Math.max(0, Math.round(Number(record.DefaultProbability ?? 0)))),
    sortOrder: Number(record.SortOrder ?? 0),
  }));
  const existing = await tx.query<{ id: string; name: string; kind: StageKind; position: number }>(
    'select id, name, kind, position from stage where org_id = $1 order by position, name',
    [orgId],
  );
  const known = new Set(existing.map((stage) => stage.name.toLowerCase()));
  const added = crm
    .filter((stage) => stage.name !== '' && !known.has(stage.name.toLowerCase()))
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .filter((stage, index, all) => all.findIndex((s) => s.name === stage.name) === index);
  if (added.length === 0) return [];
  const order = [
    ...existing.filter((s) => s.kind === 'open').map((s) => ({ id: s.id, name: s.name })),
    ...added.filter((s) => s.kind === 'open').map((s) => ({ id: null, name: s.name })),
    ...existing.filter((s) => s.kind !== 'open').map((s) => ({ id: s.id, name: s.name })),
    ...added.filter((s) => s.kind !== 'open').map((s) => ({ id: null, name: s.name })),
  ];
  const position = new Map(order.map((stage, index) => [stage.name, index + 1]));
  // Existing positions move out of the way first: (org, position) need not be unique, but
  // the final numbering must be gapless and in order.
  await tx.query(
    `update stage s set position = x.position
       from jsonb_to_recordset($2::jsonb) as x(id uuid, position int2)
      where s.org_id = $1 and s.id = x.id and s.position <> x.position`,
    [
      orgId,
      JSON.stringify(
        order.flatMap((s) => (s.id === null ? [] : [{ id: s.id, position: position.get(s.name) }])),
      ),
    ],
  );
  await tx.query(
    `insert into stage (org_id, name, position, kind, probability)
     select $1, x.name, x.position, x.kind, x.probability
       from jsonb_to_recordset($2::jsonb) as x(name text, position int2, kind text, probability int2)`,
    [
      orgId,
      JSON.stringify(added.map((stage) => ({ ...stage, position: position.get(stage.name) }))),
    ],
  );
  return added.map((stage) => stage.name);
}
