import { z } from 'zod';

/**
 * How often a rep's 1:1 recurs: the one vocabulary of the organization's settings, the
 * meeting series, the cadence advice and the API. Every cadence is a whole number of weeks
 * (see `cadenceWeeks`); monthly is the product's default.
 */
export const cadences = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;

export const CadenceSchema = z.enum(cadences);

export type Cadence = z.infer<typeof CadenceSchema>;

/** A 1:1 a month, as PRODUCT.md sets it. */
export const defaultCadence: Cadence = 'monthly';

/**
 * A cadence as it may be stored: the organization's settings (jsonb) were once allowed
 * `daily`. No 1:1 recurs daily any more (reviewing a pipeline every day is the
 * micromanagement the advice warns against, and a series recurs in whole weeks), so `daily`
 * decodes as `weekly`, the nearest cadence; without this, stored settings holding it would
 * fail to parse and fall back to every default. A codec rather than a transform: the API
 * encodes its responses through the same schema, and encoding a cadence changes nothing.
 */
export const StoredCadenceSchema = z.codec(z.enum([...cadences, 'daily']), CadenceSchema, {
  decode: (stored) => (stored === 'daily' ? 'weekly' : stored),
  encode: (cadence) => cadence,
});
