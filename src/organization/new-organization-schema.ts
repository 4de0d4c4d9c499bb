import { z } from 'zod';
import { PasswordSchema } from '../auth/password.js';

/** ISO 4217 codes in use, as ICU knows them (Node ships full ICU): 'USD', 'EUR', 'JPY', … */
const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * The zone's canonical IANA name ('europe/paris' → 'Europe/Paris', 'US/Eastern' →
 * 'America/New_York'), or null when ICU does not know it. Offsets such as '+01:00' are no
 * zone: they know no daylight saving time, so they are refused before ICU is asked.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Lowercase words joined by hyphens: it appears in sign-in forms and on the command line. */
export const SlugSchema = z
  .string()
  .trim()
  .max(63, { error: 'has at most 63 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: (iss) =>
      `'${String(iss.input)}' is not a slug (lowercase letters, digits and single hyphens, e.g. acme-sales)`,
  });

/** A slug made of the name: 'Acme Sales, Inc.' → 'acme-sales-inc'. Empty when nothing is left. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * A new organization and its first admin, as `rudder org create` (and later the setup
 * screen) gives them. Each message names the value it refuses.
 */
export const NewOrganizationSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'is required' }).max(200),
    slug: SlugSchema.optional(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((code) => currencies.has(code), {
        error: (iss) => `'${String(iss.input)}' is not an ISO 4217 currency code (e.g. USD, EUR)`,
      }),
    timeZone: z
      .string()
      .trim()
      .transform((zone, ctx) => {
        const canonical = canonicalTimeZone(zone);
        if (canonical !== null) return canonical;
        ctx.addIssue({
          code: 'custom',
          input: zone,
          message: `'${zone}' is not an IANA time zone (e.g. Europe/Paris, America/New_York)`,
        });
        return z.NEVER;
      }),
    fiscalYearStartMonth: z
      .number({ error: (iss) => `'${String(iss.input)}' is not a month number from 1 to 12` })
      .int({ error: (iss) => `'${String(iss.input)}' is not a month number from 1 to 12` })
      .min(1, { error: (iss) => `'${String(iss.input)}' is not a month number from 1 to 12` })
      .max(12, { error: (iss) => `'${String(iss.input)}' is not a month number from 1 to 12` }),
    admin: z.object({
      email: z
        .email({ error: (iss) => `'${String(iss.input)}' is not an e-mail address` })
        .max(320),
      name: z.string().trim().min(1, { error: 'is empty' }).max(200).optional(),
      /** Absent: the admin chooses it through a one-time sign-in link. */
      password: PasswordSchema.optional(),
    }),
  })
  .transform((org, ctx) => {
    const slug = org.slug ?? slugFromName(org.name);
    if (slug === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['slug'],
        input: org.name,
        message: `no slug can be made of the name '${org.name}'; give one`,
      });
      return z.NEVER;
    }
    // An admin without a name is called by the e-mail's local part until they change it.
    const adminName = org.admin.name ?? org.admin.email.split('@')[0] ?? org.admin.email;
    return { ...org, slug, admin: { ...org.admin, name: adminName } };
  });

export type NewOrganizationInput = z.input<typeof NewOrganizationSchema>;
export type NewOrganization = z.output<typeof NewOrganizationSchema>;
