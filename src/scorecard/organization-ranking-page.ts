import { z } from 'zod';
import { type Scorecard, ScorecardSchema } from '../core/scorecard.js';

/**
 * One page of the organization-wide ranking: the scorecard with `rows` cut to
 * [offset, offset + limit) in rank order, and `total` rows across all pages. `of` stays the
 * number ranked in the whole organization, so "3rd of 2,000" reads the same on every page.
 */
export const OrganizationRankingPageSchema = ScorecardSchema.extend({
  limit: z.number().int(),
  offset: z.number().int(),
  total: z.number().int().describe('rows of the whole ranking, across all pages'),
});
export type OrganizationRankingPage = z.infer<typeof OrganizationRankingPageSchema>;

export function organizationRankingPage(
  scorecard: Scorecard,
  page: { limit: number; offset: number },
): OrganizationRankingPage {
  return {
    ...scorecard,
    rows: scorecard.rows.slice(page.offset, page.offset + page.limit),
    limit: page.limit,
    offset: page.offset,
    total: scorecard.rows.length,
  };
}
