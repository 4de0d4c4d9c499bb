import { z } from 'zod';
import {
  SUPPORTED_DAYS,
  SupportedDaySchema,
  SupportedInstantSchema,
} from '../../core/schema-primitives.js';
import { appErrorCodes } from '../../shared/app-error.js';

/** RFC 9457 problem details, as every error of the API is answered. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum([...appErrorCodes, 'INTERNAL']),
    issues: z
      .array(
        z.object({
          line: z.number().int().optional(),
          field: z.string(),
          value: z.string().optional(),
          reason: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

/** The error answers every API route may give, declared so the OpenAPI document shows them. */
export const problems = {
  400: ProblemSchema.describe('the request is not valid; `issues` names the fields'),
  401: ProblemSchema.describe('not signed in (or the session ended)'),
  403: ProblemSchema.describe('the role may not do this, or a cross-origin write'),
  404: ProblemSchema.describe('no such object within your reach'),
  409: ProblemSchema.describe('conflicts with the current state'),
  429: ProblemSchema.describe('too many attempts'),
} as const;

export const Uuid = z.uuid();
/** A day that exists, within the supported days (1900-01-01 … 9997-12-31). */
export const Day = SupportedDaySchema;

/** A day field with a meaning of its own: the description keeps the supported range. */
export function dayMeaning(meaning: string) {
  return Day.describe(`${meaning}; YYYY-MM-DD, ${SUPPORTED_DAYS}`);
}

/** An instant with its UTC offset, on a supported day. */
export const Instant = SupportedInstantSchema;

/** An instant field with a meaning of its own: the description keeps the supported range. */
export function instantMeaning(meaning: string) {
  return Instant.describe(`${meaning}; ISO 8601 with offset, ${SUPPORTED_DAYS}`);
}

export const IdParams = z.strictObject({ id: Uuid });

/** One pagination for every list: `limit` (1–200, default 50) and `offset`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    limit: z.number().int(),
    offset: z.number().int(),
    total: z.number().int().describe('rows within your reach that match, across all pages'),
  });
}

export const NoContent = z.undefined().describe('done; no body');
