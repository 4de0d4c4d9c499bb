/** The calendar subscription's shapes (exported for the web client's types). */
import { z } from 'zod';
import { plainText } from '../../core/schema-primitives.js';

export const CalendarFeedCreatedSchema = z
  .object({
    url: z.string().nullable().describe('the subscription address; null without PUBLIC_URL'),
    path: z.string().describe('the same address relative to the server, `/calendar/<token>.ics`'),
    createdAt: z.string(),
  })
  .meta({ id: 'CalendarFeedCreated' });
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;

export const CalendarFeedStatusSchema = z
  .object({
    active: z.boolean().describe('a live URL exists; it was shown once, when created'),
    createdAt: z.string().nullable(),
  })
  .meta({ id: 'CalendarFeedStatus' });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;

/** The secret token is the credential of the public feed: `<org id>.<secret>`. */
export const FeedTokenParams = z.strictObject({ token: plainText({ max: 200, trim: false }) });
