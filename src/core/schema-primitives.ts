import { z } from 'zod';

/** An org-local calendar day, `YYYY-MM-DD`. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A fraction (1 = 100%); null when it has no meaning (a goal of 0, nothing closed…). */
export const RatioSchema = z.number().nullable();

export const MoneyCountSchema = z.object({ count: z.number().int(), value: z.number() });
export type MoneyCount = z.infer<typeof MoneyCountSchema>;
