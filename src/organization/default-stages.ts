/**
 * The sales process a new organization starts with (and the demo's): five open stages, then
 * won and lost. An admin replaces them later, or an import with `--add-stages` extends them.
 */
export const defaultStages = [
  { key: 'prospecting', name: 'Prospecting', position: 1, kind: 'open', probability: 10 },
  { key: 'qualification', name: 'Qualification', position: 2, kind: 'open', probability: 20 },
  { key: 'discovery', name: 'Discovery', position: 3, kind: 'open', probability: 40 },
  { key: 'proposal', name: 'Proposal', position: 4, kind: 'open', probability: 60 },
  { key: 'negotiation', name: 'Negotiation', position: 5, kind: 'open', probability: 80 },
  { key: 'won', name: 'Closed Won', position: 6, kind: 'won', probability: 100 },
  { key: 'lost', name: 'Closed Lost', position: 7, kind: 'lost', probability: 0 },
] as const;
