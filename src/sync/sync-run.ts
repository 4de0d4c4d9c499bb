import type { Database } from '../db/database.js';
import type { CrmKind } from '../db/schema/operations.js';
import type { ImportResult } from '../imports/import-types.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { startHeartbeat } from '../shared/heartbeat.js';
import { crmCatalog } from './crm-catalog.js';
import {
  type CrmConnection,
  holdConnection,
  type LastRun,
  loadCrmConnection,
  releaseConnection,
  renewHold,
  saveLastRun,
} from './crm-connection.js';
import type { SecretBox } from './secret-box.js';

/** What one object's batch did: its import run, and the cursor it reached. */
export interface SyncedObject {
  object: string;
  runId: string | null;
  status: ImportResult['status'] | 'unchanged';
  counts: ImportResult['counts'] | null;
  /** The modification stamp this batch reached (committed with it unless a dry run). */
  cursor: string | null;
  /** Records the CRM reports deleted. */
  deleted: number;
  /** Records not imported, and why (e.g. history of a deal Rudder does not have). */
  skipped: number;
  errors: ImportResult['errors'];
}

export interface SyncResult {
  status: 'succeeded' | 'failed' | 'stopped' | 'rate-limited' | 'busy';
  /** For the admin, in words; null when all went well. */
  message: string | null;
  objects: SyncedObject[];
  stagesAdded: string[];
  /** API requests made (CRMs count them against the organization's limits). */
  requests: number;
}

/** How long a run's hold lasts unrenewed: how soon a killed run's connection is free again. */
export const DEFAULT_HOLD_MS = 60_000;

export interface HeldRunOptions {
  db: Database;
  clock: Clock;
  /** Read and validate everything, write nothing: the last run is not recorded either. */
  dryRun?: boolean;
  /**
   * How long the run's hold on the connection lasts without renewal (default a minute); a
   * heartbeat renews it every third of that while the run is alive, so a killed run frees the
   * connection one lease later. A job passes its own lease (JobContext.leaseMs).
   */
  holdMs?: number;
}

/** One run's steps; `failed` turns an error into the result (stopped, rate-limited, failed). */
export interface RunSteps {
  all(): Promise<void>;
  failed(error: unknown): Promise<void>;
  /** API requests made so far. */
  requests(): number;
}

/**
 * One sync of the organization's connection to this CRM: refused when it is not connected,
 * answered "stopped" while an admin must reconnect it and "busy" while another run holds it;
 * otherwise `start` makes the run's steps on the connection (its API base URL from `url`,
 * for a sandbox, a proxy or a test server) and they run holding it.
 */
export async function syncConnection(
  options: HeldRunOptions & { orgId: string; box: SecretBox },
  kind: CrmKind,
  url: (stored: CrmConnection) => string,
  start: (connection: CrmConnection, result: SyncResult, stored: CrmConnection) => RunSteps,
): Promise<SyncResult> {
  const label = crmCatalog[kind]?.label ?? kind;
  const stored = await loadCrmConnection(options.db, options.orgId, kind, options.box);
  if (stored === null) {
    throw new AppError(
      'NOT_FOUND',
      `${label} is not connected for this organization (see docs/crm-sync.md).`,
    );
  }
  const result: SyncResult = {
    status: 'succeeded',
    message: null,
    objects: [],
    stagesAdded: [],
    requests: 0,
  };
  if (stored.status === 'stopped') {
    return {
      ...result,
      status: 'stopped',
      message: stored.statusMessage ?? `The ${label} sync is stopped; connect ${label} again.`,
    };
  }
  const connection: CrmConnection = { ...stored, instanceUrl: url(stored) };
  const held = await runHoldingConnection(
    options,
    connection,
    result,
    start(connection, result, stored),
  );
  if (!held) return { ...result, status: 'busy', message: `Another ${label} sync is running.` };
  return result;
}

/**
 * Runs one sync of either CRM holding its connection: false, with nothing run, when another
 * run holds it. The hold is a short lease renewed while the run lives (on PGlite a renewal
 * waits for the batch's transaction, as would any other run's claim), so a killed process
 * stops renewing and its connection is free one lease later. Afterwards the connection is
 * released (its last sync time moved only by a run that succeeded for real) and the run is
 * kept, in words and counts, for the admin's screen.
 */
export async function runHoldingConnection(
  options: HeldRunOptions,
  connection: CrmConnection,
  result: SyncResult,
  steps: RunSteps,
): Promise<boolean> {
  const { db, clock } = options;
  const holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
  if (!(await holdConnection(db, connection, clock.now(), holdMs))) return false;
  const renewal = startHeartbeat({
    renew: async () => {
      await renewHold(db, connection, clock.now(), holdMs);
      return true;
    },
    everyMs: holdMs / 3,
  });
  try {
    await steps.all();
  } catch (error: unknown) {
    await steps.failed(error);
  } finally {
    await renewal.stop();
    result.requests = steps.requests();
    const synced = result.status === 'succeeded' && options.dryRun !== true;
    await releaseConnection(db, connection, clock.now(), synced);
    if (options.dryRun !== true) await saveLastRun(db, connection, lastRunOf(result, clock.now()));
  }
  return true;
}

/** The run in a few words and numbers, kept on the connection for the admin's screen. */
function lastRunOf(result: SyncResult, now: Date): LastRun {
  return {
    status: result.status,
    message: result.message,
    finishedAt: now.toISOString(),
    objects: result.objects.map((o) => ({
      object: o.object,
      status: o.status,
      rows: o.counts?.rows ?? 0,
      new: o.counts?.new ?? 0,
      changed: o.counts?.changed ?? 0,
      deleted: o.deleted,
    })),
  };
}
