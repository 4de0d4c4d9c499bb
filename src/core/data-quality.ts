import type { DataQualityNote, Period } from './agenda-schema.js';
import type { WonWithoutAmountFact } from './facts.js';

/** External ids named in a note: enough to find them in the CRM, short enough to read. */
export const NOTED_IDS = 10;

/**
 * What in the data makes the results under review less certain, for the Results step. Won
 * deals the CRM exported without an amount were imported as 0 (docs/import.md): the
 * bookings shown may be lower than what the rep actually closed.
 */
export function dataQualityNotes(options: {
  wonWithoutAmount: WonWithoutAmountFact;
  review: Period;
}): DataQualityNote[] {
  const { count, externalIds } = options.wonWithoutAmount;
  if (count === 0) return [];
  const shown = externalIds.slice(0, NOTED_IDS);
  const ids = `${shown.join(', ')}${count > shown.length ? ', …' : ''}`;
  const deals = count === 1 ? '1 won deal has' : `${count} won deals have`;
  return [
    {
      kind: 'won-without-amount',
      count,
      externalIds: shown,
      text:
        `${deals} no amount in ${options.review.label} (${count === 1 ? 'id' : 'ids'} ${ids}); ` +
        'bookings may be understated',
    },
  ];
}
