/** PostgreSQL type oids whose text form we normalise so both engines answer alike. */
export const pgType = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

const toNumber = (value: string) => Number(value);
const asIs = (value: string) => value;
const toIsoInstant = (value: string) => new Date(value).toISOString();

/** Parsers by type oid for raw queries (see `Queryable.query`). */
export const rawParsers: Record<number, (value: string) => unknown> = {
  [pgType.INT8]: toNumber,
  [pgType.NUMERIC]: toNumber,
  [pgType.DATE]: asIs,
  [pgType.TIMESTAMP]: asIs,
  [pgType.TIMESTAMPTZ]: toIsoInstant,
};
