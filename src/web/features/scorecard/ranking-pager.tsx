import type { OrganizationRankingPage } from '../../api/types.js';
import { useFormat } from '../../components/format.js';

/**
 * "51–100 of 2,000" with the previous and next page: the organization ranking comes one page
 * at a time. Nothing to page through: nothing shown.
 */
export function RankingPager({
  page,
  onPage,
}: {
  page: OrganizationRankingPage;
  onPage: (offset: number) => void;
}) {
  const f = useFormat();
  if (page.total <= page.limit && page.offset === 0) return null;
  const first = page.rows.length === 0 ? page.offset : page.offset + 1;
  const last = page.offset + page.rows.length;
  const hasPrevious = page.offset > 0;
  const hasNext = last < page.total;
  return (
    <nav className="pager" aria-label="Organization ranking pages">
      <button
        type="button"
        disabled={!hasPrevious}
        onClick={() => onPage(Math.max(0, page.offset - page.limit))}
      >
        Previous {f.number(page.limit)}
      </button>
      <span aria-live="polite">
        {f.number(first)}–{f.number(last)} of {f.number(page.total)}
      </span>
      <button type="button" disabled={!hasNext} onClick={() => onPage(page.offset + page.limit)}>
        Next {f.number(page.limit)}
      </button>
    </nav>
  );
}
