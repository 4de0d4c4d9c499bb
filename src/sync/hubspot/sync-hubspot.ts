import type { Queryable } from '../../db/database.js';
import type { ImportRecord, ImportSettings } from '../../imports/import-types.js';
import { AppError } from '../../shared/app-error.js';
import { type CrmConnection, saveCrmSecrets } from '../crm-connection.js';
import { matchStages } from '../salesforce/match-stages.js';
import type { Fetch } from '../salesforce/salesforce-auth.js';
import type { SecretBox } from '../secret-box.js';
import {
  adminKeys,
  endRunOnError,
  importBatch,
  knownOpportunities,
  type SyncContext,
  type SyncRunOptions,
} from '../sync-batch.js';
import { type SyncedObject, type SyncResult, syncConnection } from '../sync-run.js';
import { HubSpotApi, type HubSpotObject } from './hubspot-api.js';
import { HUBSPOT_API_URL } from './hubspot-auth.js';
import {
  dealHistoryRecords,
  dealProperties,
  dealRecord,
  type Engagement,
  engagementProperties,
  engagementRecord,
  engagements,
  type HubSpotStage,
  historyProperties,
  OwnerSchema,
  ownerRecord,
  PipelinesAnswerSchema,
  stageListRecords,
  stagesOf,
} from './hubspot-mapping.js';
import { modifiedOf, searchObjects } from './hubspot-search.js';

export interface SyncHubSpotOptions extends SyncRunOptions {
  box: SecretBox;
  /** Use this API base URL for this run (a proxy, a test server). */
  baseUrl?: string;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
  /** The search API's result ceiling (HubSpot's is 10,000; tests lower it). */
  searchLimit?: number;
}

export type { SyncedObject, SyncResult };

/**
 * One HubSpot sync: owners, the pipelines' stages, deals, their property history, and the
 * calls, meetings and e-mails, each object one import run on the same all-or-nothing
 * pipeline as a file, its cursor committed in the same transaction as its rows. A failure
 * stops the run at that object: what committed stays, the rest resumes from its cursor next
 * time. A refused token stops the connection until an admin reconnects: never a loop.
 */
export function syncHubSpot(options: SyncHubSpotOptions): Promise<SyncResult> {
  const { db, box } = options;
  return syncConnection(
    options,
    'hubspot',
    (stored) => (options.baseUrl ?? stored.instanceUrl ?? HUBSPOT_API_URL).replace(/\/+$/, ''),
    (connection, result, stored) => {
      const api = new HubSpotApi(connection, {
        onTokens: (renewed) =>
          saveCrmSecrets(db, { ...renewed, instanceUrl: stored.instanceUrl }, box),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.searchLimit ? { searchLimit: options.searchLimit } : {}),
      });
      const run = new HubSpotRun(options, connection, api, result);
      return {
        all: () => run.all(),
        failed: (error) => run.failed(error),
        requests: () => api.requests,
      };
    },
  );
}

/** One step's batch: its records, the cursors it reaches, what it skipped or saw deleted. */
interface Step {
  object: string;
  kind: ImportSettings['kind'];
  records: AsyncIterable<ImportRecord>;
  /** Filled while the records are read: the latest modified (or archived) instant per cursor. */
  stamps: Record<string, number | undefined>;
  skipped: () => number;
  deleted: () => number;
  settings?: Partial<ImportSettings>;
  beforeCommit?: (tx: Queryable) => Promise<void>;
}

class HubSpotRun {
  private readonly cursors: Record<string, string>;
  private readonly settings: CrmConnection['settings'];
  private stages = new Map<string, HubSpotStage>();
  private readonly context: SyncContext;

  constructor(
    private readonly options: SyncHubSpotOptions,
    connection: CrmConnection,
    private readonly api: HubSpotApi,
    private readonly result: SyncResult,
  ) {
    this.cursors = options.full === true ? {} : { ...connection.cursors };
    this.settings = connection.settings;
    this.context = { options, connection, result };
  }

  async all(): Promise<void> {
    const goOn = (ok: boolean) => ok || this.options.dryRun === true;
    if (!goOn(await this.owners())) return;
    await this.pipelines();
    if (!goOn(await this.deals())) return;
    if (!goOn(await this.history())) return;
    await this.activities();
  }

  private since(cursor: string): number | null {
    const at = this.cursors[cursor];
    if (at === undefined) return null;
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? null : ms;
  }

  /**
   * Owners changed since the cursor (the owners API has no filter: all are read, few), the
   * archived (deactivated) ones too.
   */
  private async owners(): Promise<boolean> {
    const since = this.since('owners');
    const owners = [];
    // Deactivated users' owners are archived, and their deals still name them: both lists.
    const lists = [
      this.api.list('/crm/v3/owners', { archived: 'false' }),
      this.api.list('/crm/v3/owners', { archived: 'true' }),
    ];
    for await (const item of concat(lists)) {
      const owner = OwnerSchema.safeParse(item);
      if (!owner.success)
        throw new AppError('CRM_UNAVAILABLE', 'HubSpot answered an owner with an unknown shape.');
      owners.push(owner.data);
    }
    const stamp = (updatedAt: string | undefined) => Date.parse(updatedAt ?? '') || 0;
    const changed = owners.filter((owner) => since === null || stamp(owner.updatedAt) >= since);
    const admins = await adminKeys(this.options.db, this.options.orgId);
    const teamManagers = this.settings.teamManagers ?? {};
    const records = changed.map((owner, index) =>
      ownerRecord(
        owner,
        index + 1,
        teamManagers,
        admins.has(owner.id) || admins.has((owner.email ?? '').toLowerCase()),
      ),
    );
    const latest = changed.reduce((max, owner) => Math.max(max, stamp(owner.updatedAt)), 0);
    return this.batch({
      object: 'owners',
      kind: 'people',
      records: fromArray(records),
      stamps: { owners: latest > 0 ? latest : undefined },
      skipped: () => 0,
      deleted: () => 0,
    });
  }

  /** The chosen pipelines' stages, matched by label or created. */
  private async pipelines(): Promise<void> {
    const answer = PipelinesAnswerSchema.safeParse(await this.api.get('/crm/v3/pipelines/deals'));
    if (!answer.success) {
      throw new AppError(
        'CRM_UNAVAILABLE',
        'HubSpot answered the deal pipelines with an unknown shape.',
      );
    }
    this.stages = stagesOf(answer.data.results, this.settings.pipelines);
    if (this.options.dryRun === true) return;
    const records = stageListRecords(this.stages);
    this.result.stagesAdded = await this.options.db.transaction((tx) =>
      matchStages(tx, this.options.orgId, records),
    );
  }

  private pipelineFilter() {
    const chosen = this.settings.pipelines;
    return chosen === undefined
      ? []
      : [{ propertyName: 'pipeline', operator: 'IN', values: [...chosen] }];
  }

  private async deals(): Promise<boolean> {
    const { api, stages } = this;
    const amountField = this.settings.amountField;
    const stamps: Record<string, number | undefined> = {};
    let skipped = 0;
    let deleted = 0;
    const since = this.since('deals');
    const archivedSince = this.since('deals:archived');
    const properties = dealProperties(amountField);
    const filters = this.pipelineFilter();
    async function* records(): AsyncGenerator<ImportRecord> {
      let line = 0;
      for await (const deal of searchObjects(api, 'deals', { since, properties, filters })) {
        stamps.deals = Math.max(stamps.deals ?? 0, modifiedOf(deal));
        // A deal without an owner has no rep to hold it to account: skipped, counted.
        if ((deal.properties.hubspot_owner_id ?? '') === '') skipped += 1;
        else yield dealRecord(deal, ++line, stages, amountField);
      }
      // Deleted deals are counted, never deleted: a deal's events are a rep's history.
      for await (const deal of api.archived('deals', ['hs_lastmodifieddate'])) {
        const at = archivedAt(deal);
        if (archivedSince !== null && at <= archivedSince) continue;
        stamps['deals:archived'] = Math.max(stamps['deals:archived'] ?? 0, at);
        deleted += 1;
      }
    }
    return this.batch({
      object: 'deals',
      kind: 'opportunities',
      records: records(),
      stamps,
      skipped: () => skipped,
      deleted: () => deleted,
      // Stage, amount and close date changes come from the property history, which knows
      // when each happened; the snapshot records a change of owner, which it does not.
      settings: { addStages: true, snapshotEvents: ['owner'] },
    });
  }

  /** The property history of the deals modified since the history's own cursor. */
  private async history(): Promise<boolean> {
    const since = this.since('deals:history');
    const changed: HubSpotObject[] = [];
    for await (const deal of searchObjects(this.api, 'deals', {
      since,
      properties: ['hs_lastmodifieddate'],
      filters: this.pipelineFilter(),
    })) {
      changed.push(deal);
    }
    const ids = [...new Set(changed.map((deal) => deal.id))];
    const known = await knownOpportunities(this.options.db, this.options.orgId, ids);
    const wanted = ids.filter((id) => known.has(id));
    const latest = changed.reduce((max, deal) => Math.max(max, modifiedOf(deal)), 0);
    const { api, stages } = this;
    const amountField = this.settings.amountField;
    async function* records(): AsyncGenerator<ImportRecord> {
      let line = 0;
      for await (const deal of api.readWithHistory(
        'deals',
        wanted,
        ['dealstage', 'hs_lastmodifieddate'],
        historyProperties(amountField),
      )) {
        const rows = dealHistoryRecords(deal, line + 1, stages, amountField);
        line += rows.length;
        yield* rows;
      }
    }
    return this.batch({
      object: 'deals:history',
      kind: 'opportunity-history',
      records: records(),
      stamps: { 'deals:history': latest > 0 ? latest : undefined },
      skipped: () => ids.length - wanted.length,
      deleted: () => 0,
      settings: { addStages: true },
    });
  }

  /** Calls, meetings and e-mails, each linked to the first deal it is associated with. */
  private async activities(): Promise<boolean> {
    const stamps: Record<string, number | undefined> = {};
    const deletedIds: string[] = [];
    let skipped = 0;
    const api = this.api;
    const since = (cursor: string) => this.since(cursor);
    async function linked(engagement: Engagement, batch: HubSpotObject[], first: number) {
      const deals = await api.associations(
        engagement.object,
        'deals',
        batch.map((object) => object.id),
      );
      return batch.map((object, index) =>
        engagementRecord(object, first + index, engagement, deals.get(object.id)?.[0]),
      );
    }
    async function* records(): AsyncGenerator<ImportRecord> {
      let line = 0;
      for (const engagement of engagements) {
        const key = engagement.object;
        let batch: HubSpotObject[] = [];
        const flush = async function* () {
          if (batch.length === 0) return;
          const rows = await linked(engagement, batch, line + 1);
          line += rows.length;
          batch = [];
          yield* rows;
        };
        for await (const object of searchObjects(api, key, {
          since: since(key),
          properties: engagementProperties(engagement),
        })) {
          stamps[key] = Math.max(stamps[key] ?? 0, modifiedOf(object));
          // Someone's activity or no one's: one without an owner is skipped, counted.
          if ((object.properties.hubspot_owner_id ?? '') === '') skipped += 1;
          else batch.push(object);
          if (batch.length >= 200) yield* flush();
        }
        yield* flush();
        const archivedKey = `${key}:archived`;
        const archivedSince = since(archivedKey);
        for await (const object of api.archived(key, ['hs_lastmodifieddate'])) {
          const at = archivedAt(object);
          if (archivedSince !== null && at <= archivedSince) continue;
          stamps[archivedKey] = Math.max(stamps[archivedKey] ?? 0, at);
          deletedIds.push(object.id);
        }
      }
    }
    return this.batch({
      object: 'engagements',
      kind: 'activities',
      records: records(),
      stamps,
      skipped: () => skipped,
      deleted: () => deletedIds.length,
      // A deleted engagement no longer counts as an activity: nothing else refers to it.
      beforeCommit: async (tx) => {
        if (deletedIds.length === 0) return;
        await tx.query('delete from activity where org_id = $1 and external_id = any($2::text[])', [
          this.options.orgId,
          deletedIds,
        ]);
      },
    });
  }

  /**
   * One object's batch through the import pipeline, all or nothing, its cursors committed
   * with its rows. A batch with nothing read writes no import run. Answers whether the run
   * goes on.
   */
  /** One object's batch (src/sync/sync-batch.ts); answers whether the run goes on. */
  private batch(step: Step): Promise<boolean> {
    return importBatch(this.context, {
      ...step,
      cursors: () =>
        Object.fromEntries(
          Object.entries(step.stamps).flatMap(([key, ms]) =>
            ms === undefined || ms <= 0 ? [] : [[key, new Date(ms).toISOString()]],
          ),
        ),
      // Nothing to import, but an archive seen (or a skipped record) still moves its cursor.
      keepEmpty: () => step.skipped() > 0,
    });
  }

  /** Ends the run on an error of the CRM: a refused credential stops the connection. */
  failed(error: unknown): Promise<void> {
    return endRunOnError(this.context, error);
  }
}

async function* concat<T>(lists: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const list of lists) yield* list;
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** When an object was archived (epoch ms); its last modification when HubSpot gives no date. */
function archivedAt(object: HubSpotObject): number {
  const ms = Date.parse(object.archivedAt ?? '');
  return Number.isNaN(ms) ? modifiedOf(object) : ms;
}
