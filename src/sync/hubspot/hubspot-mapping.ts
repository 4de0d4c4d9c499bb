import { z } from 'zod';
import type { StageKind } from '../../db/schema/pipeline.js';
import type { ImportRecord } from '../../imports/import-types.js';
import type { SalesforceRecord } from '../salesforce/salesforce-api.js';
import type { HistoryValue, HubSpotObject } from './hubspot-api.js';

/**
 * HubSpot's objects in Rudder's terms, in one place: the properties each object is read
 * with and how an owner, a pipeline stage, a deal, a deal's property history and an
 * engagement become rows of an import kind (Rudder's canonical field names). Every search
 * is by `hs_lastmodifieddate` at or after the object's cursor, oldest first: objects
 * modified in the same millisecond as the last run's last one are read again and count as
 * unchanged, never missed.
 */

/** An owner (`GET /crm/v3/owners`): a HubSpot user who can own records, with their teams. */
export const OwnerSchema = z.looseObject({
  id: z.string(),
  email: z.string().optional().nullable(),
  firstName: z.string().optional().nullable(),
  lastName: z.string().optional().nullable(),
  userId: z.number().optional().nullable(),
  archived: z.boolean().optional(),
  updatedAt: z.string().optional(),
  teams: z
    .array(z.looseObject({ id: z.string(), name: z.string(), primary: z.boolean().optional() }))
    .optional(),
});
export type Owner = z.infer<typeof OwnerSchema>;

/** A deal pipeline (`GET /crm/v3/pipelines/deals`) and its stages. */
export const PipelineSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number().optional(),
  archived: z.boolean().optional(),
  stages: z.array(
    z.looseObject({
      id: z.string(),
      label: z.string(),
      displayOrder: z.number().optional(),
      archived: z.boolean().optional(),
      // HubSpot gives both as strings: "true"/"false" and "0.2".
      metadata: z.looseObject({
        isClosed: z.string().optional(),
        probability: z.string().optional(),
      }),
    }),
  ),
});
export type Pipeline = z.infer<typeof PipelineSchema>;
export const PipelinesAnswerSchema = z.object({ results: z.array(PipelineSchema) });

/** A stage as Rudder needs it, by HubSpot stage id. */
export interface HubSpotStage {
  label: string;
  kind: StageKind;
  /** 0–100. */
  probability: number;
  sortOrder: number;
}

/** The property a deal's amount is read from: `amount` unless the admin chose another. */
export const amountProperty = (amountField: string) =>
  amountField === 'Amount' ? 'amount' : amountField;

export const dealProperties = (amountField: string) => [
  ...new Set([
    'dealname',
    'amount',
    amountProperty(amountField),
    'dealstage',
    'pipeline',
    'closedate',
    'hubspot_owner_id',
    'createdate',
    'hs_lastmodifieddate',
  ]),
];

/** The deal properties whose history becomes opportunity events. */
export const historyProperties = (amountField: string) => [
  'dealstage',
  amountProperty(amountField),
  'closedate',
];

/** The engagements read as activities, their kind and the properties they are read with. */
export const engagements = [
  { object: 'calls', kind: 'call', subject: 'hs_call_title', at: 'hs_timestamp' },
  { object: 'meetings', kind: 'meeting', subject: 'hs_meeting_title', at: 'hs_meeting_start_time' },
  { object: 'emails', kind: 'email', subject: 'hs_email_subject', at: 'hs_timestamp' },
] as const;
export type Engagement = (typeof engagements)[number];

export const engagementProperties = (engagement: Engagement) => [
  ...new Set([
    'hs_timestamp',
    engagement.at,
    engagement.subject,
    'hubspot_owner_id',
    'hs_lastmodifieddate',
  ]),
];

const values = (entries: Record<string, string>): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== ''));

const prop = (object: HubSpotObject, name: string) => object.properties[name]?.trim() ?? '';

/** A HubSpot datetime's UTC calendar day (close dates are stored as midnight UTC). */
function dayOf(text: string): string {
  if (text === '') return '';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString().slice(0, 10);
}

/** The team an owner belongs to: the primary one, else the first. */
export const teamOf = (owner: Owner) =>
  owner.teams?.find((team) => team.primary === true) ?? owner.teams?.[0] ?? null;

/**
 * An owner: matched to a person by owner id (what deals and engagements name), else e-mail.
 * HubSpot has no reporting lines: the owner's team becomes their Rudder team, and that
 * team's manager is the person the admin chose for it (`teamManagers`: team name or id →
 * e-mail), matched among the owners or the people Rudder has. The chosen manager's own row
 * names no team (they manage it) and makes them a manager. `admin` keeps Rudder's admins.
 */
export function ownerRecord(
  owner: Owner,
  line: number,
  teamManagers: Readonly<Record<string, string>>,
  admin: boolean,
): ImportRecord {
  const email = owner.email?.trim() ?? '';
  const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ').trim() || email;
  const team = teamOf(owner);
  const manager = team === null ? '' : (teamManagers[team.id] ?? teamManagers[team.name] ?? '');
  const manages = Object.values(teamManagers).some(
    (chosen) => email !== '' && chosen.toLowerCase() === email.toLowerCase(),
  );
  const ownTeam = team !== null && manager.toLowerCase() !== email.toLowerCase();
  return {
    line,
    values: values({
      external_id: owner.id,
      name,
      email,
      team: ownTeam ? team.name : '',
      manager_email: ownTeam ? manager : '',
      role: admin ? '' : manages ? 'manager' : '',
    }),
  };
}

/** The stages of the chosen pipelines (all when none is chosen), by stage id. */
export function stagesOf(
  pipelines: readonly Pipeline[],
  chosen: readonly string[] | undefined,
): Map<string, HubSpotStage> {
  const stages = new Map<string, HubSpotStage>();
  const wanted = pipelines
    .filter((p) => p.archived !== true && (chosen === undefined || chosen.includes(p.id)))
    .sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0));
  wanted.forEach((pipeline, index) => {
    for (const stage of pipeline.stages) {
      const probability = Number(stage.metadata.probability ?? '0');
      const fraction = Number.isFinite(probability) ? Math.min(1, Math.max(0, probability)) : 0;
      const closed = stage.metadata.isClosed === 'true';
      stages.set(stage.id, {
        label: stage.label,
        // Closed won is a closed stage at probability 1.0, closed lost at 0.0.
        kind: closed ? (fraction >= 1 ? 'won' : 'lost') : 'open',
        probability: Math.round(fraction * 100),
        sortOrder: index * 1000 + (stage.displayOrder ?? 0),
      });
    }
  });
  return stages;
}

/** The stages in the shape the shared stage matcher reads (see ../salesforce/match-stages.ts). */
export const stageListRecords = (stages: ReadonlyMap<string, HubSpotStage>): SalesforceRecord[] =>
  [...stages.values()].map((stage) => ({
    MasterLabel: stage.label,
    IsWon: stage.kind === 'won',
    IsClosed: stage.kind !== 'open',
    DefaultProbability: stage.probability,
    SortOrder: stage.sortOrder,
  }));

/** A stage id's label; an id no chosen pipeline has is kept as it is (and created open). */
const labelOf = (stages: ReadonlyMap<string, HubSpotStage>, id: string) =>
  stages.get(id)?.label ?? id;

/** A deal, owned by its owner id, in its stage's label; status and probability from the stage. */
export function dealRecord(
  deal: HubSpotObject,
  line: number,
  stages: ReadonlyMap<string, HubSpotStage>,
  amountField: string,
): ImportRecord {
  const stage = stages.get(prop(deal, 'dealstage'));
  return {
    line,
    values: values({
      external_id: deal.id,
      name: prop(deal, 'dealname'),
      owner: prop(deal, 'hubspot_owner_id'),
      stage: labelOf(stages, prop(deal, 'dealstage')),
      amount: prop(deal, amountProperty(amountField)),
      probability: stage === undefined ? '' : String(stage.probability),
      created_at: prop(deal, 'createdate') || (deal.createdAt ?? ''),
      close_date: dayOf(prop(deal, 'closedate')),
      is_closed: stage === undefined ? '' : String(stage.kind !== 'open'),
      is_won: stage === undefined ? '' : String(stage.kind === 'won'),
    }),
  };
}

/**
 * A deal's history (`propertiesWithHistory` of its stage, amount and close date) as the
 * states it passed through: one state per second in which any of them changed (the history
 * import keys a deal's states by the second), each holding the latest value of every
 * property by the end of that second. A property set only later counts as empty before; a
 * stage is always named (its first value stands for the time before it).
 */
export function dealHistoryRecords(
  deal: HubSpotObject,
  firstLine: number,
  stages: ReadonlyMap<string, HubSpotStage>,
  amountField: string,
): ImportRecord[] {
  const history = deal.propertiesWithHistory ?? {};
  const amountName = amountProperty(amountField);
  const timeline = (name: string) =>
    (history[name] ?? [])
      .map((entry: HistoryValue) => ({ value: entry.value, ms: Date.parse(entry.timestamp) }))
      .filter((entry) => !Number.isNaN(entry.ms))
      .sort((a, b) => a.ms - b.ms);
  const stage = timeline('dealstage');
  const amount = timeline(amountName);
  const close = timeline('closedate');
  const seconds = [
    ...new Set([...stage, ...amount, ...close].map((e) => Math.floor(e.ms / 1000))),
  ].sort((a, b) => a - b);
  const at = (entries: { value: string; ms: number }[], second: number) =>
    entries.filter((entry) => entry.ms < (second + 1) * 1000).at(-1)?.value ?? '';
  const firstStage = stage[0]?.value ?? prop(deal, 'dealstage');
  return seconds.map((second, index) => ({
    line: firstLine + index,
    values: values({
      opportunity_external_id: deal.id,
      changed_at: new Date(second * 1000).toISOString(),
      stage: labelOf(stages, at(stage, second) || firstStage),
      amount: at(amount, second),
      close_date: dayOf(at(close, second)),
    }),
  }));
}

/** An engagement (call, meeting, e-mail) by its owner, at its activity time. */
export function engagementRecord(
  object: HubSpotObject,
  line: number,
  engagement: Engagement,
  deal: string | undefined,
): ImportRecord {
  return {
    line,
    values: values({
      external_id: object.id,
      person: prop(object, 'hubspot_owner_id'),
      kind: engagement.kind,
      occurred_at:
        prop(object, engagement.at) || prop(object, 'hs_timestamp') || (object.createdAt ?? ''),
      opportunity_external_id: deal ?? '',
      subject: prop(object, engagement.subject),
    }),
  };
}
