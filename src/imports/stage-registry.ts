import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import type { StageKind } from '../db/schema/pipeline.js';

export interface StageRef {
  id: string;
  kind: StageKind;
}

/** What a row says about a stage it names, for a stage that must be added. */
export interface StageHints {
  isWon: boolean | null;
  isClosed: boolean | null;
  probability: number | null;
}

interface KnownStage extends StageRef {
  name: string;
  position: number;
  probability: number;
  added: boolean;
}

const WON_NAMES = new Set(['closed won', 'won']);
const LOST_NAMES = new Set(['closed lost', 'lost']);

/**
 * The organization's ordered stages, and the ones an import adds (`--add-stages`).
 * Stage names match exactly or ignoring case. Added stages get their ids here, so
 * staged rows can point at them before they are written (only a real run writes them).
 */
export class StageRegistry {
  private readonly byName = new Map<string, KnownStage>();
  private written = false;

  private constructor(private readonly stages: KnownStage[]) {
    for (const stage of stages) this.byName.set(stage.name.toLowerCase(), stage);
  }

  static async load(q: Queryable, orgId: string): Promise<StageRegistry> {
    const rows = await q.query<{
      id: string;
      name: string;
      kind: StageKind;
      position: number;
      probability: number;
    }>(
      'select id, name, kind, position, probability from stage where org_id = $1 order by position, name',
      [orgId],
    );
    return new StageRegistry(rows.map((row) => ({ ...row, added: false })));
  }

  /** The stage named `name`; unknown ones are added when `add` is set, else undefined. */
  resolve(name: string, hints: StageHints, add: boolean): StageRef | undefined {
    const key = name.trim().toLowerCase();
    const known = this.byName.get(key);
    if (known !== undefined || !add) return known;
    const kind = kindOf(key, hints);
    const stage: KnownStage = {
      id: randomUUID(),
      name: name.trim(),
      kind,
      position: 0,
      // A stage's default probability: the file's, else what its kind implies.
      probability: hints.probability ?? (kind === 'won' ? 100 : kind === 'open' ? 10 : 0),
      added: true,
    };
    this.stages.push(stage);
    this.byName.set(key, stage);
    return stage;
  }

  /** Names of the stages added so far, in first-seen order. */
  get added(): string[] {
    return this.stages.filter((stage) => stage.added).map((stage) => stage.name);
  }

  /**
   * Writes the added stages and renumbers positions: existing open stages, added open
   * stages (first-seen order), then the won/lost ones — closed stages stay last.
   */
  async persist(tx: Queryable, orgId: string): Promise<void> {
    const added = this.stages.filter((stage) => stage.added);
    if (added.length === 0 || this.written) return;
    this.written = true;
    const existing = this.stages.filter((stage) => !stage.added);
    const order = [
      ...existing.filter((s) => s.kind === 'open'),
      ...added.filter((s) => s.kind === 'open'),
      ...existing.filter((s) => s.kind !== 'open'),
      ...added.filter((s) => s.kind !== 'open'),
    ];
    order.forEach((stage, index) => {
      stage.position = index + 1;
    });
    await tx.query(
      `insert into stage (org_id, id, name, position, kind, probability)
       select $1, x.id, x.name, x.position, x.kind, x.probability
       from jsonb_to_recordset($2::jsonb) as x(id uuid, name text, position int2, kind text, probability int2)`,
      [orgId, JSON.stringify(added)],
    );
    await tx.query(
      `update stage s set position = x.position
       from jsonb_to_recordset($2::jsonb) as x(id uuid, position int2)
       where s.org_id = $1 and s.id = x.id and s.position <> x.position`,
      [orgId, JSON.stringify(existing)],
    );
  }
}

function kindOf(key: string, hints: StageHints): StageKind {
  if (WON_NAMES.has(key)) return 'won';
  if (LOST_NAMES.has(key)) return 'lost';
  if (hints.isWon === true) return 'won';
  if (hints.isClosed === true) return 'lost';
  return 'open';
}
