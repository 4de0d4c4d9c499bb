/** The organization, its staff, teams and sales stages: the fixed frame around the reps. */
import { defaultStages } from '../organization/default-stages.js';
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

/** The sales process: the same stages every new organization starts with. */
export const demoStages = defaultStages;

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
