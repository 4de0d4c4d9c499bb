import type { DealHistory } from './deal-history.js';

/** The organization's CRM connection, as much of it as a link needs. */
export interface CrmLinkSource {
  kind: 'salesforce' | 'hubspot';
  instanceUrl: string;
}

/** A Salesforce Opportunity id: key prefix 006, 15 (case-sensitive) or 18 characters. */
const SALESFORCE_OPPORTUNITY_ID = /^006[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;

/**
 * Only an http(s) instance URL becomes a link: the column is admin-entered text, and a
 * `javascript:` address in an href would run in the viewer's session.
 */
function httpBase(instanceUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(instanceUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/**
 * The deal's record in the CRM it came from: built only when the organization is connected
 * to Salesforce and the deal's external id is a Salesforce Opportunity id, so an imported
 * "OPP-7" is never turned into an address that does not exist. Otherwise the note says why.
 */
export function crmDealLink(
  connection: CrmLinkSource | null,
  externalId: string | null,
): DealHistory['crmLink'] {
  if (connection?.kind !== 'salesforce')
    return {
      url: null,
      note: 'No link to the CRM: this organization has no Salesforce connection.',
    };
  if (!externalId || !SALESFORCE_OPPORTUNITY_ID.test(externalId))
    return {
      url: null,
      note: 'No link to the CRM: this deal’s id is not a Salesforce Opportunity id (it was imported, not synced).',
    };
  const base = httpBase(connection.instanceUrl);
  if (!base)
    return {
      url: null,
      note: 'No link to the CRM: the Salesforce connection’s instance URL is not an http(s) address.',
    };
  return { url: `${base}/lightning/r/Opportunity/${externalId}/view`, note: 'Open in Salesforce' };
}
