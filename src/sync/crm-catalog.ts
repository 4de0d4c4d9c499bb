import type { CrmKind } from '../db/schema/operations.js';

export interface CrmEntry {
  /** The CRM's name as its users write it. */
  label: string;
  /** An admin can connect it from the web screen (an OAuth web-server flow). */
  connectInBrowser: boolean;
  /** How to connect it without a browser, for the screen. */
  connectCommand: string;
}

/**
 * The CRMs Rudder syncs, in the order the admin's screen lists them. The screen is driven by
 * this list (through `GET /api/v1/crm`): a CRM added here appears there with no change to it.
 */
export const crmCatalog: Partial<Record<CrmKind, CrmEntry>> = {
  salesforce: {
    label: 'Salesforce',
    connectInBrowser: true,
    connectCommand: 'rudder sync connect salesforce',
  },
  hubspot: {
    label: 'HubSpot',
    connectInBrowser: false,
    connectCommand: 'rudder sync connect hubspot',
  },
};
