import { type ParseResult, parsed, rejected } from './parse-result.js';

export interface IntegerOptions {
  min?: number;
  max?: number;
}

/** Reads a whole number such as a count or an activity target; `1,234` groups thousands. */
export function parseInteger(text: string, options: IntegerOptions = {}): ParseResult<number> {
  const value = text.trim();
  if (value === '') return rejected('is empty');
  const normalized = value.replace(/(\d)[,\s\u00a0\u202f'](?=\d{3}(?:\D|$))/gu, '$1');
  if (!/^[-+]?\d+$/.test(normalized)) return rejected(`"${value}" is not a whole number`);
  const number = Number(normalized);
  if (!Number.isSafeInteger(number)) return rejected(`"${value}" is too large`);
  if (options.min !== undefined && number < options.min) {
    return rejected(`${number} is below the minimum of ${options.min}`);
  }
  if (options.max !== undefined && number > options.max) {
    return rejected(`${number} is above the maximum of ${options.max}`);
  }
  return parsed(number);
}

export interface ProbabilityOptions {
  /**
   * How a number without `%` is meant: `percent` (0–100, the default: Salesforce's
   * Probability) or `fraction` (0–1: HubSpot's deal probability). `75%` is always 75.
   */
  scale?: 'percent' | 'fraction';
}

/**
 * Reads a win probability into a whole percentage 0–100. Fractional percentages are
 * rounded to the nearest whole (a probability is an estimate, not money), so with the
 * percent scale `0.75` is 1%, not 75%: pass `scale: 'fraction'` for 0–1 sources.
 */
export function parseProbability(
  text: string,
  options: ProbabilityOptions = {},
): ParseResult<number> {
  const value = text.trim();
  if (value === '') return rejected('is empty');
  const match = /^(\d{1,3}(?:[.,]\d+)?|[.,]\d+)\s*(%?)$/.exec(value);
  if (match === null) return rejected(`"${value}" is not a probability`);
  const number = Number((match[1] ?? '').replace(',', '.'));
  const percent = match[2] === '%' || options.scale !== 'fraction' ? number : number * 100;
  if (percent > 100) return rejected(`"${value}" is more than 100%`);
  return parsed(Math.round(percent));
}
