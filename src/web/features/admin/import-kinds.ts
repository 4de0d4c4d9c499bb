import type { ImportKind } from '../../../imports/read/import-fields.js';
import { importTemplate, presetsFor } from '../../../imports/read/import-template.js';
import type { PresetName } from '../../../imports/read/presets.js';

/** How each import kind is named on screen. */
export const kindLabels: Readonly<Record<ImportKind, string>> = {
  people: 'People and teams',
  goals: 'Goals',
  opportunities: 'Opportunities',
  'opportunity-history': 'Opportunity history',
  activities: 'Activities',
  results: 'Results',
};

const presetLabels: Readonly<Record<PresetName, string>> = {
  rudder: "Rudder's template",
  salesforce: 'Salesforce exports',
  hubspot: 'HubSpot exports',
};

/** What an upload of this kind reads, in words: the presets, then any columns mapped by hand. */
export function acceptedFormats(kind: ImportKind): string {
  return [...presetsFor(kind).map((preset) => presetLabels[preset]), 'your own columns (map them)']
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');
}

/** The template as a link's target: no request, the same columns the importer reads. */
export function templateHref(kind: ImportKind): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(importTemplate(kind))}`;
}

/** A field's name as a person reads it: `close_date` → "Close date". */
export function fieldLabel(field: string): string {
  const words = field.replaceAll('_', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** What a field may hold, where its name does not say it. */
export const fieldHints: Readonly<Record<string, string>> = {
  manager: 'external id, e-mail or name',
  person: 'external id, e-mail or name',
  owner: 'external id, e-mail or name',
  team: "default: the manager's team",
  period: 'e.g. 2024-05, 2024-Q2, 2024',
  metric: 'bookings, pipeline_value, pipeline_count or activity',
  region: "or office: its leader's row leads its teams",
};
