/** What a file imports; each kind has its own columns. */
export const importKinds = [
  'people',
  'goals',
  'opportunities',
  'opportunity-history',
  'activities',
  'results',
] as const;

export type ImportKind = (typeof importKinds)[number];

/**
 * Rudder's canonical field names per import kind: the column names of Rudder's own CSV
 * format (snake_case), and the keys every preset maps headers to.
 */
export const importFields = {
  people: [
    'external_id',
    'name',
    'email',
    'role',
    'team',
    // The manager by external id, e-mail or name, as CRM exports and team sheets give them.
    'manager',
    'manager_email',
    'manager_external_id',
    'title',
    // A region or office: its leader's row (role leader) leads the region's teams.
    'region',
  ],
  goals: ['person', 'metric', 'activity_kind', 'period', 'target'],
  opportunities: [
    'external_id',
    'name',
    'account',
    'owner',
    'stage',
    'amount',
    'currency',
    'probability',
    'created_at',
    'close_date',
    'closed_at',
    'is_closed',
    'is_won',
  ],
  'opportunity-history': [
    'opportunity_external_id',
    'changed_at',
    'stage',
    'amount',
    'close_date',
    'probability',
  ],
  activities: [
    'external_id',
    'person',
    'kind',
    'occurred_at',
    'opportunity_external_id',
    'subject',
    'count',
  ],
  results: ['person', 'period', 'amount', 'external_id'],
} as const satisfies Record<ImportKind, readonly string[]>;

export type ImportField<K extends ImportKind> = (typeof importFields)[K][number];

/**
 * Columns a file must have. Conditional needs (a manager by email or by id, the
 * activity kind of an activity goal) are row rules of the importer, not column rules.
 * An opportunity's owner is not required here: an export of a single rep's deals (the
 * Salesforce Developer Edition sample has no OwnerId) is imported with a default owner.
 */
export const requiredFields: { [K in ImportKind]: readonly ImportField<K>[] } = {
  // A sheet of agents and their managers often has no e-mail: people without one are normal.
  people: ['name'],
  goals: ['person', 'metric', 'period', 'target'],
  opportunities: ['external_id', 'name', 'stage', 'amount', 'close_date'],
  'opportunity-history': ['opportunity_external_id', 'changed_at', 'stage'],
  activities: ['person', 'kind', 'occurred_at'],
  results: ['person', 'period', 'amount'],
};
