import { describe, expect, it } from 'vitest';
import { crmDealLink } from './crm-deal-link.js';

const salesforce = { kind: 'salesforce' as const, instanceUrl: 'https://acme.my.salesforce.com' };

describe('the link to a deal in the CRM it came from', () => {
  it('points at the Opportunity in Lightning for an 18- or 15-character Salesforce id', () => {
    expect(crmDealLink(salesforce, '006Hs00001AbCdEFGH').url).toBe(
      'https://acme.my.salesforce.com/lightning/r/Opportunity/006Hs00001AbCdEFGH/view',
    );
    expect(crmDealLink(salesforce, '006Hs00001AbCdE').url).toBe(
      'https://acme.my.salesforce.com/lightning/r/Opportunity/006Hs00001AbCdE/view',
    );
    // A trailing slash on the instance URL does not double the slash.
    expect(
      crmDealLink(
        { ...salesforce, instanceUrl: 'https://acme.my.salesforce.com/' },
        '006Hs00001AbCdE',
      ).url,
    ).toBe('https://acme.my.salesforce.com/lightning/r/Opportunity/006Hs00001AbCdE/view');
  });

  it('says why there is no link: no connection, not an Opportunity id, not an http(s) instance', () => {
    expect(crmDealLink(null, '006Hs00001AbCdEFGH')).toEqual({
      url: null,
      note: 'No link to the CRM: this organization has no Salesforce connection.',
    });
    expect(
      crmDealLink({ kind: 'hubspot', instanceUrl: 'https://api.hubapi.com' }, '006Hs00001AbCdE')
        .url,
    ).toBeNull();
    for (const id of [
      'OPP-7',
      '001Hs00001AbCdE',
      '006Hs00001AbCd',
      '006Hs00001AbCdEFG',
      '006Hs00001AbC/E',
      null,
    ])
      expect(crmDealLink(salesforce, id)).toEqual({
        url: null,
        note: 'No link to the CRM: this deal’s id is not a Salesforce Opportunity id (it was imported, not synced).',
      });
    for (const instanceUrl of ['javascript:alert(1)//', 'data:text/html,x', 'not a url'])
      expect(crmDealLink({ kind: 'salesforce', instanceUrl }, '006Hs00001AbCdE').url).toBeNull();
  });
});
