/** The organization, its staff, teams and sales stages: the fixed frame around the reps. */
import type { TeamKey } from './rep-profile.js';

/** Every demo login uses it; the CLI prints it next to the e-mail addresses. */
export const DEMO_PASSWORD = 'rudder-demo';

export const demoOrg = {
  slug: 'demo',
  name: 'Northwind Demo',
  currency: 'USD',
  locale: 'en-US',
  timeZone: 'America/New_York',
  /** February: the fiscal year differs from the calendar year, as it does for many teams. */
  fiscalYearStartMonth: 2,
} as const;

export interface StaffProfile {
  key: string;
  name: string;
  email: string;
  role: 'admin' | 'leader' | 'manager';
  title: string;
}

export const staff: readonly StaffProfile[] = [
  {
    key: 'admin',
    name: 'Sam Rivera',
    email: 'admin@demo.rudder.dev',
    role: 'admin',
    title: 'Revenue Operations',
  },
  {
    key: 'leader',
    name: 'Helen Cho',
    email: 'leader@demo.rudder.dev',
    role: 'leader',
    title: 'VP Sales',
  },
  {
    key: 'manager1',
    name: 'Priya Raman',
    email: 'manager1@demo.rudder.dev',
    role: 'manager',
    title: 'Sales Manager, East',
  },
  {
    key: 'manager2',
    name: 'Daniel Okafor',
    email: 'manager2@demo.rudder.dev',
    role: 'manager',
    title: 'Sales Manager, West',
  },
];

export const demoTeams: Readonly<Record<TeamKey, { name: string; managerKey: string }>> = {
  east: { name: 'East', managerKey: 'manager1' },
  west: { name: 'West', managerKey: 'manager2' },
};

/** The sales process; won and lost come after the open stages. */
export const demoStages = [
  { key: 'prospecting', name: 'Prospecting', position: 1, kind: 'open', probability: 10 },
  { key: 'qualification', name: 'Qualification', position: 2, kind: 'open', probability: 20 },
  { key: 'discovery', name: 'Discovery', position: 3, kind: 'open', probability: 40 },
  { key: 'proposal', name: 'Proposal', position: 4, kind: 'open', probability: 60 },
  { key: 'negotiation', name: 'Negotiation', position: 5, kind: 'open', probability: 80 },
  { key: 'won', name: 'Closed Won', position: 6, kind: 'won', probability: 100 },
  { key: 'lost', name: 'Closed Lost', position: 7, kind: 'lost', probability: 0 },
] as const;

/** The accounts deals are named after: a fixed list keeps the demo stable. */
export const demoAccounts = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Foods',
  'Hooli',
  'Soylent Labs',
  'Cyberdyne Systems',
  'Tyrell Freight',
  'Wonka Retail',
  'Oscorp Energy',
  'Vandelay Imports',
  'Pied Piper',
  'Massive Dynamic',
  'Aperture Science',
  'Gringotts Bank',
  'Monarch Air',
  'Dunder Paper',
  'Blue Sun Media',
  'Nakatomi Trading',
  'Virtucon',
  'Prestige Worldwide',
  'Bluth Homes',
  'Sterling Cooper',
  'Gekko Capital',
  'Los Pollos Hermanos',
  'Krusty Brands',
  'Ollivander Woodworks',
  'Duff Beverages',
  'Contoso',
  'Fabrikam',
  'Tailspin Toys',
  'Litware',
  'Adventure Works',
  'Northwind Traders',
  'Woodgrove Bank',
  'Proseware',
  'Lamna Healthcare',
  'Fourth Coffee',
] as const;

export const demoProducts = [
  'Platform license',
  'Expansion',
  'Renewal',
  'Analytics add-on',
  'Pilot',
  'Enterprise upgrade',
  'Onboarding services',
  'Multi-year deal',
] as const;
