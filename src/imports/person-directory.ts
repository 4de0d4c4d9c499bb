import type { Queryable } from '../db/database.js';

export type PersonLookup = { ok: true; id: string } | { ok: false; reason: string };

/**
 * The organization's people, for resolving the person a row names. A reference is read
 * as an external id (the CRM's owner id), then an e-mail, then a name — in that order,
 * because only the first two are unique. Loaded once per import: even a very large
 * sales organization has a few thousand people, while a file may have millions of rows.
 */
export class PersonDirectory {
  private constructor(
    private readonly byExternalId: Map<string, string>,
    private readonly byEmail: Map<string, string>,
    private readonly byName: Map<string, string[]>,
  ) {}

  static async load(q: Queryable, orgId: string): Promise<PersonDirectory> {
    const rows = await q.query<{
      id: string;
      external_id: string | null;
      email: string | null;
      name: string;
    }>('select id, external_id, email, name from person where org_id = $1', [orgId]);
    const byExternalId = new Map<string, string>();
    const byEmail = new Map<string, string>();
    const byName = new Map<string, string[]>();
    for (const row of rows) {
      if (row.external_id !== null) byExternalId.set(row.external_id, row.id);
      if (row.email !== null) byEmail.set(row.email.toLowerCase(), row.id);
      const key = row.name.trim().toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), row.id]);
    }
    return new PersonDirectory(byExternalId, byEmail, byName);
  }

  resolve(reference: string): PersonLookup {
    const value = reference.trim();
    const byId = this.byExternalId.get(value);
    if (byId !== undefined) return { ok: true, id: byId };
    const byEmail = this.byEmail.get(value.toLowerCase());
    if (byEmail !== undefined) return { ok: true, id: byEmail };
    const named = this.byName.get(value.toLowerCase()) ?? [];
    const [only] = named;
    if (named.length === 1 && only !== undefined) return { ok: true, id: only };
    if (named.length > 1) {
      return {
        ok: false,
        reason: `${named.length} people are named "${value}"; name them by e-mail or external id`,
      };
    }
    return {
      ok: false,
      reason: `no person with external id, e-mail or name "${value}"; import people first`,
    };
  }
}
