import { z } from 'zod';
import { roles } from '../db/schema/people.js';

export const PersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    title: z.string().nullable(),
    role: z.enum(roles),
    active: z.boolean(),
    externalId: z.string().nullable(),
    hasLogin: z.boolean().describe('true once the person has chosen a password'),
  })
  .meta({ id: 'Person' });

export type PersonView = z.infer<typeof PersonSchema>;

/** The columns of a PersonView, for `select … from person p`. Never the password hash. */
export const personColumns = `p.id, p.name, p.email, p.title, p.role, p.active,
  p.external_id as "externalId", (p.password_hash is not null) as "hasLogin"`;
