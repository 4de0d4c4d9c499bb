import { type HubSpotApi, type HubSpotObject, objectOf, pageOf } from './hubspot-api.js';

/** A search filter: `value` for GTE, GT, EQ; `values` for IN. */
export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
}

/** The largest page the search API gives (its documented maximum `limit`). */
export const SEARCH_PAGE = 200;

const modifiedFilter = (operator: 'GTE' | 'GT' | 'EQ', ms: number): SearchFilter => ({
  propertyName: 'hs_lastmodifieddate',
  operator,
  value: String(ms),
});

/**
 * Objects modified at or after `since` (epoch ms), oldest first, through the search API.
 * Its paging stops at `searchLimit` results per query: the query then starts again from the
 * last modified date reached, and the records of that instant already given are skipped.
 * When one instant alone holds more than a query can page through (a bulk import), that
 * instant is read by id (`hs_lastmodifieddate EQ` it, `hs_object_id GT` the last id, sorted
 * by id), and the search goes on after it (`GT`). None is missed or given twice.
 */
export async function* searchObjects(
  api: HubSpotApi,
  objectType: string,
  options: {
    since: number | null;
    properties: readonly string[];
    filters?: readonly SearchFilter[];
  },
): AsyncGenerator<HubSpotObject> {
  let bound: SearchFilter | null =
    options.since === null ? null : modifiedFilter('GTE', options.since);
  // The ids already given that were modified at the latest instant reached.
  const seen = new Set<string>();
  let latest: number | null = null;
  for (;;) {
    const query = searchQuery(api, objectType, {
      filters: [...(bound === null ? [] : [bound]), ...(options.filters ?? [])],
      sort: 'hs_lastmodifieddate',
      properties: options.properties,
    });
    let complete = false;
    for (;;) {
      const step = await query.next();
      if (step.done === true) {
        complete = step.value;
        break;
      }
      const object = step.value;
      const modified = modifiedOf(object);
      if (modified === latest && seen.has(object.id)) continue;
      if (modified !== latest) seen.clear();
      latest = modified;
      seen.add(object.id);
      yield object;
    }
    if (complete) return;
    if (latest !== null && bound?.value !== String(latest)) {
      // Again from the last instant reached; its records already given are skipped.
      bound = modifiedFilter('GTE', latest);
      continue;
    }
    // One instant holds more than a query pages through: read it by id, then go past it.
    const instant = latest ?? 0;
    let lastId = '0';
    for (let more = true; more; ) {
      const byId = searchQuery(api, objectType, {
        filters: [
          modifiedFilter('EQ', instant),
          { propertyName: 'hs_object_id', operator: 'GT', value: lastId },
          ...(options.filters ?? []),
        ],
        sort: 'hs_object_id',
        properties: options.properties,
      });
      more = false;
      for (;;) {
        const step = await byId.next();
        if (step.done === true) {
          more = !step.value;
          break;
        }
        lastId = step.value.id;
        if (seen.has(step.value.id)) continue;
        seen.add(step.value.id);
        yield step.value;
      }
    }
    bound = modifiedFilter('GT', instant);
  }
}

/**
 * One search query, page after page; answers whether it ended before the result ceiling
 * (searchObjects goes past it).
 */
async function* searchQuery(
  api: HubSpotApi,
  objectType: string,
  options: { filters: readonly SearchFilter[]; sort: string; properties: readonly string[] },
): AsyncGenerator<HubSpotObject, boolean> {
  let after = 0;
  for (;;) {
    const body = {
      ...(options.filters.length > 0 ? { filterGroups: [{ filters: options.filters }] } : {}),
      sorts: [{ propertyName: options.sort, direction: 'ASCENDING' }],
      properties: [...options.properties],
      limit: SEARCH_PAGE,
      ...(after > 0 ? { after: String(after) } : {}),
    };
    const page = pageOf(await api.post(`/crm/v3/objects/${objectType}/search`, body));
    for (const item of page.results) yield objectOf(item);
    const next = page.paging?.next?.after;
    if (next === undefined) return true;
    after = Number(next);
    if (after >= api.searchLimit) return false;
  }
}

/** `hs_lastmodifieddate` as epoch ms (the search API answers it as ISO 8601). */
export function modifiedOf(object: HubSpotObject): number {
  const text = object.properties.hs_lastmodifieddate ?? object.updatedAt ?? '';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? 0 : ms;
}
