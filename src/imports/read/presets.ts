import type { ImportField, ImportKind } from './import-fields.js';

/** Where a file comes from: Rudder's own format, or a CRM's export. */
export const presetNames = ['rudder', 'salesforce', 'hubspot'] as const;

export type PresetName = (typeof presetNames)[number];

/** Per field, the headers that may hold it, best first. */
export type ColumnAliases<K extends ImportKind> = {
  readonly [F in ImportField<K>]?: readonly string[];
};

export type Preset = { readonly [K in ImportKind]?: ColumnAliases<K> };

/**
 * Rudder's documented format: the canonical names, plus the `month` spelling of a
 * result period. Canonical names are also accepted by every other preset (see
 * resolveColumns), so a user may rename any column to its Rudder name.
 */
const rudder: Preset = {
  results: { period: ['period', 'month'] },
  // Team sheets kept by hand ("agent, manager, office") name people and managers plainly.
  people: {
    name: ['name', 'Agent', 'Agent Name', 'Rep', 'Rep Name', 'Full Name', 'Employee'],
    manager: ['manager', 'Manager Name', 'Reports To', 'Supervisor', 'Team Lead'],
    region: ['region', 'Office', 'Territory', 'Area'],
  },
};

/**
 * Salesforce exports come in two spellings: the API names of Data Loader / Data Export
 * (StageName, CloseDate, OwnerId) and the labels of report exports ("Stage",
 * "Close Date", "Opportunity Owner"). Both are listed, API names first.
 */
const salesforce: Preset = {
  opportunities: {
    external_id: ['Id', 'Opportunity ID', 'Opportunity Id'],
    name: ['Name', 'Opportunity Name'],
    // A readable account name beats an id; the id is the fallback of API exports.
    account: ['Account.Name', 'Account Name', 'AccountId', 'Account ID'],
    owner: ['Owner.Email', 'OwnerId', 'Owner.Name', 'Opportunity Owner', 'Owner ID'],
    stage: ['StageName', 'Stage'],
    amount: ['Amount'],
    currency: ['CurrencyIsoCode', 'Amount Currency', 'Opportunity Currency'],
    probability: ['Probability', 'Probability (%)'],
    created_at: ['CreatedDate', 'Created Date'],
    close_date: ['CloseDate', 'Close Date'],
    is_closed: ['IsClosed', 'Closed'],
    is_won: ['IsWon', 'Won'],
  },
  'opportunity-history': {
    opportunity_external_id: ['OpportunityId', 'Opportunity ID'],
    // The history row is created at the change: its CreatedDate is when it happened.
    changed_at: ['CreatedDate', 'Created Date', 'Last Modified'],
    stage: ['StageName', 'Stage', 'To Stage'],
    amount: ['Amount'],
    close_date: ['CloseDate', 'Close Date'],
    probability: ['Probability', 'Probability (%)'],
  },
  activities: {
    external_id: ['Id', 'Activity ID', 'Task ID'],
    person: ['Owner.Email', 'OwnerId', 'Assigned', 'Assigned To'],
    // Type is the standard call/email/meeting picklist; orgs that hide it often add a
    // custom Type__c (as the demo org did); TaskSubtype is coarse (Task, Email, Call).
    kind: ['Type', 'Type__c', 'TaskSubtype', 'Activity Type', 'Task Subtype'],
    occurred_at: ['ActivityDate', 'CompletedDateTime', 'Date', 'Due Date'],
    opportunity_external_id: ['WhatId', 'Related To ID'],
    subject: ['Subject'],
  },
  people: {
    external_id: ['Id', 'User ID'],
    name: ['Name', 'Full Name'],
    email: ['Email'],
    title: ['Title'],
    manager_external_id: ['ManagerId', 'Manager ID'],
    // A user report's "Manager" column holds the manager's full name.
    manager: ['Manager.Name', 'Manager', 'Manager: Full Name'],
    team: ['UserRole.Name', 'Role'],
  },
};

/** HubSpot exports use property labels by default and internal names via the API. */
const hubspot: Preset = {
  opportunities: {
    external_id: ['Record ID', 'hs_object_id', 'Deal ID', 'dealId'],
    name: ['Deal Name', 'dealname'],
    account: ['Associated Company', 'Company name', 'Associated Company (Primary)'],
    owner: ['Deal owner', 'Deal Owner', 'hubspot_owner_id'],
    stage: ['Deal Stage', 'dealstage'],
    amount: ['Amount', 'amount'],
    currency: ['Currency', 'deal_currency_code'],
    probability: ['Deal probability', 'hs_deal_stage_probability'],
    created_at: ['Create Date', 'createdate'],
    close_date: ['Close Date', 'closedate'],
    is_closed: ['Is Closed', 'Is closed', 'hs_is_closed'],
    is_won: ['Is Closed Won', 'Is closed won', 'hs_is_closed_won'],
  },
  activities: {
    external_id: ['Record ID', 'hs_object_id', 'Activity ID'],
    person: ['Activity assigned to', 'Assigned to', 'hubspot_owner_id'],
    kind: ['Activity type', 'Activity Type', 'hs_activity_type', 'Engagement Type'],
    occurred_at: ['Activity date', 'Activity Date', 'hs_timestamp', 'Create Date'],
    opportunity_external_id: ['Associated Deal', 'Associated Deal IDs'],
    subject: ['Subject', 'Call Title', 'Meeting name', 'hs_task_subject'],
  },
  people: {
    external_id: ['User ID', 'Owner ID', 'hubspot_owner_id'],
    name: ['Name', 'Full Name'],
    email: ['Email', 'email'],
    team: ['Team', 'Primary team'],
  },
};

/** The header aliases of each preset. */
export const presets: Readonly<Record<PresetName, Preset>> = { rudder, salesforce, hubspot };

/**
 * Probability scale per source: Salesforce exports 0–100, HubSpot's deal probability
 * is a 0–1 fraction.
 */
export const probabilityScale: Readonly<Record<PresetName, 'percent' | 'fraction'>> = {
  rudder: 'percent',
  salesforce: 'percent',
  hubspot: 'fraction',
};
