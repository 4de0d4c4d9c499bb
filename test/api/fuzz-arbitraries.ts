import fc from 'fast-check';
import { type ImportKind, importFields } from '../../src/imports/read/import-fields.js';

/**
 * Generators of hostile input for the API fuzz: requests shaped by the OpenAPI document, so
 * that they get past the first check and reach the use cases and the database, with values
 * at and beyond every edge: NUL and other control characters, lone surrogates, years 0 and
 * 9999, huge and negative numbers.
 */

/** Text no column can hold or no person types, next to text that is fine. */
const hostileText = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  '\u001b[2J',
  'vertical\u000btab',
  '\ud800',
  'lone \udfff low',
  'half \ud83d smiley',
  '\u0000\ud800',
  '',
  ' ',
  '\t\n\r',
  '😀',
  '\u202eright-to-left',
  "'; drop table person; --",
  '=HYPERLINK("x")',
  'x'.repeat(10_001),
);
/** Any UTF-16 code units, lone surrogates and controls included. */
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 12,
});
export const anyText = fc.oneof(
  { arbitrary: hostileText, weight: 3 },
  { arbitrary: codeUnits, weight: 2 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);

const yearsZeroTo9999 = {
  min: new Date('0000-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
};
const isoYear = (date: Date) => date.toISOString().slice(0, 10);

/** Days at every edge of the supported range and of the calendar, and any day of 0–9999. */
export const anyDay = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '0001-01-01',
    '0099-12-31',
    '1899-12-31',
    '1900-01-01',
    '1970-01-01',
    '2024-02-29',
    '2026-02-29',
    '2026-03-15',
    '2026-03-31',
    '9997-12-31',
    '9998-01-01',
    '9999-12-31',
    '2026-13-01',
    '2026-00-10',
    '2026-3-5',
    '+010000-01-01',
    '-000001-01-01',
  ),
  fc.date(yearsZeroTo9999).map(isoYear),
);

export const anyMonth = fc.oneof(
  fc.constantFrom('0000-01', '1899-12', '1900-01', '2026-03', '9997-12', '9998-01', '9999-12'),
  fc.date(yearsZeroTo9999).map((date) => isoYear(date).slice(0, 7)),
);

export const anyPeriodKey = fc.oneof(
  anyMonth,
  fc.constantFrom(
    'FY0000',
    '0000-Q1',
    'FY9999-Q4',
    '9999',
    '2026',
    'FY2027-Q1',
    '2026-Q5',
    'fy1900',
  ),
);

export const anyInstant = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1900-01-01T00:30:00+01:00',
    '9997-12-31T23:00:00-05:00',
    '2026-03-16T10:00:00Z',
    '2026-03-16T10:00:00',
    '2026-03-16T10:00:00+14:00',
  ),
  fc.tuple(fc.date(yearsZeroTo9999), fc.integer({ min: -14, max: 14 })).map(([date, hours]) => {
    const sign = hours < 0 ? '-' : '+';
    return `${date.toISOString().slice(0, 19)}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
  }),
);

export const anyNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    5,
    20,
    100,
    2 ** 31,
    -(2 ** 31),
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    -1e308,
    1.5,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A JSON Schema node of the OpenAPI document, as far as the generator reads it. */
interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  description?: string;
  minimum?: number;
  maximum?: number;
}

export interface SchemaContext {
  /** `#/components/schemas/…` targets. */
  components: Record<string, JsonSchema>;
  /** Ids that exist (and some that do not), for uuid fields. */
  ids: () => string[];
}

/**
 * A value for `schema`, mostly of its shape (so that it reaches the use case) with hostile
 * leaves, and now and then a value of another type altogether.
 */
export function schemaValue(
  schema: JsonSchema,
  context: SchemaContext,
  depth = 0,
): fc.Arbitrary<unknown> {
  const shaped = shapedValueOf(schema, context, depth);
  return fc.oneof(
    { arbitrary: shaped, weight: 15 },
    { arbitrary: fc.oneof(anyText, anyNumber, fc.constant(null), fc.boolean()), weight: 1 },
  );
}

function shapedValueOf(
  schema: JsonSchema,
  context: SchemaContext,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) {
    const target = context.components[schema.$ref.replace('#/components/schemas/', '')];
    return target === undefined ? fc.constant(null) : shapedValueOf(target, context, depth);
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => shapedValueOf(s, context, depth)));
  if (schema.allOf !== undefined && schema.allOf[0] !== undefined)
    return shapedValueOf(schema.allOf[0], context, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined && schema.enum.length > 0)
    return fc.oneof(
      { arbitrary: fc.constantFrom(...schema.enum), weight: 10 },
      { arbitrary: anyText, weight: 1 },
    );
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'string'];
  return fc.oneof(...types.map((type) => typedValueOf(type, schema, context, depth)));
}

function typedValueOf(
  type: string,
  schema: JsonSchema,
  context: SchemaContext,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringOf(schema, context);
    case 'integer':
    case 'number':
      return numberOf(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3 || schema.items === undefined
        ? fc.constant([])
        : fc.array(shapedValueOf(schema.items, context, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 3 || schema.properties === undefined) return fc.constant({});
      const shape = Object.fromEntries(
        Object.entries(schema.properties).map(([key, property]) => [
          key,
          schemaValue(property, context, depth + 1),
        ]),
      );
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      return anyText;
  }
}

function stringOf(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<string> {
  const text = `${schema.pattern ?? ''} ${schema.description ?? ''}`;
  const edge =
    schema.format === 'date'
      ? anyDay
      : schema.format === 'date-time'
        ? anyInstant
        : schema.format === 'uuid'
          ? fc.constantFrom(...context.ids())
          : text.includes('YYYY-MM') || text.includes('(0[1-9]|1[0-2])$')
            ? anyMonth
            : text.includes('FY')
              ? anyPeriodKey
              : text.includes('HH:MM') || schema.pattern?.includes(':[0-5]')
                ? fc.constantFrom('09:00', '23:59', '24:00', '00:00', '9:5')
                : schema.format === 'email'
                  ? fc.constantFrom('new.person@example.test', 'm1@org-a.test', 'no-at-sign')
                  : fc.constantFrom(
                      'A note worth keeping',
                      'Call the three biggest accounts',
                      'x',
                      'Europe/Paris',
                      'Not/AZone',
                    );
  return fc.oneof({ arbitrary: edge, weight: 5 }, { arbitrary: anyText, weight: 2 });
}

/** Mostly within the schema's bounds (so that the request gets through), else any number. */
function numberOf(schema: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? -1000, -Number.MAX_SAFE_INTEGER);
  const max = Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  const inRange =
    schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  return fc.oneof({ arbitrary: inRange, weight: 3 }, { arbitrary: anyNumber, weight: 2 });
}

/** A query string value as it travels: percent-encoded, bytes that are not UTF-8 included. */
export const queryValueOf = (values: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: values.map(encodeUrlPart), weight: 5 },
    {
      arbitrary: fc.constantFrom(
        '%00',
        'a%00b',
        '%ED%A0%80',
        '%FF',
        '%C0%80',
        '%07',
        '1e309',
        'NaN',
        '-1',
      ),
      weight: 1,
    },
  );

/** A value percent-encoded for a path or a query; a lone surrogate as the bytes a client would send. */
export function encodeUrlPart(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  // A lone surrogate has no UTF-8 form: a client can only send the bytes of one (CESU-8).
  return [...text]
    .map((character) =>
      /\p{Surrogate}/u.test(character) ? '%ED%A0%80' : encodeURIComponent(character),
    )
    .join('');
}

/** Rows for the ingest API and the CSV upload: the kind's own fields, hostile cells. */
const cellOf = fc.oneof(
  anyText,
  anyDay,
  anyInstant,
  anyNumber.map(String),
  fc.constantFrom(
    'rep',
    'manager',
    'Proposal',
    'Closed Won',
    'bookings',
    'month',
    '2026-03',
    '1,000.00',
    '-5',
    '1e400',
  ),
);

export function recordsOf(kind: ImportKind): fc.Arbitrary<Record<string, string>[]> {
  const fields = importFields[kind] as readonly string[];
  return fc.array(
    fc.record(Object.fromEntries(fields.map((field) => [field, cellOf])), {
      requiredKeys: [],
    }) as fc.Arbitrary<Record<string, string>>,
    { minLength: 1, maxLength: 3 },
  );
}

/** The same rows as a CSV file in Rudder's own format (quotes doubled, every cell quoted). */
export function csvOf(kind: ImportKind, rows: Record<string, string>[]): string {
  const fields = importFields[kind] as readonly string[];
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  return [fields.join(','), ...rows.map((row) => fields.map((f) => quote(row[f] ?? '')).join(','))]
    .map((line) => `${line}\n`)
    .join('');
}
