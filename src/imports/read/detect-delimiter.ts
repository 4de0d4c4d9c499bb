/** The delimiters Rudder recognises in CSV files, in the order that breaks ties. */
export const csvDelimiters = [',', ';', '\t', '|'] as const;

export type CsvDelimiter = (typeof csvDelimiters)[number];

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Counts each candidate delimiter in the first line of `sample`, outside quoted fields.
 * The header line is the best evidence: it holds one delimiter fewer than it has
 * columns and, unlike data, rarely contains the delimiter inside a value.
 */
export function countDelimiters(sample: Uint8Array): Map<CsvDelimiter, number> {
  const counts = new Map<CsvDelimiter, number>(csvDelimiters.map((d) => [d, 0]));
  const codes = new Map<number, CsvDelimiter>(csvDelimiters.map((d) => [d.charCodeAt(0), d]));
  let inQuotes = false;
  for (const byte of sample) {
    if (byte === QUOTE) {
      inQuotes = !inQuotes;
    } else if (!inQuotes) {
      if (byte === CR || byte === LF) break;
      const delimiter = codes.get(byte);
      if (delimiter !== undefined) counts.set(delimiter, (counts.get(delimiter) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Picks the delimiter of a CSV file from its first bytes (BOM already removed): the
 * candidate that occurs most often in the header line outside quotes. A header without
 * any candidate is a single-column file, read with `,`.
 */
export function detectDelimiter(sample: Uint8Array): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const [delimiter, count] of countDelimiters(sample)) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
