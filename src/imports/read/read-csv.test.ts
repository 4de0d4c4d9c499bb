import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.js';
import { type CsvRecord, openCsv, type ReadCsvOptions } from './read-csv.js';

const datasets = new URL('../../../test/datasets/', import.meta.url);
const spectrum = new URL('csv-spectrum/', datasets);

async function readAll(source: Readable | string, options?: ReadCsvOptions) {
  const file = await openCsv(source, options);
  const records: CsvRecord[] = [];
  for await (const record of file) records.push(record);
  return { file, records };
}

function text(csv: string): Readable {
  return Readable.from([Buffer.from(csv, 'utf8')]);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('openCsv on csv-spectrum', () => {
  const names = readdirSync(new URL('csvs/', spectrum)).filter((name) => name.endsWith('.csv'));

  it('finds all 11 cases', () => {
    expect(names).toHaveLength(11);
  });

  it.each(names)('parses %s exactly to its expected JSON', async (name) => {
    const expected: unknown = JSON.parse(
      readFileSync(new URL(`json/${name.replace(/\.csv$/, '.json')}`, spectrum), 'utf8'),
    );
    const { file, records } = await readAll(fileURLToPath(new URL(`csvs/${name}`, spectrum)));
    expect(records.map((record) => record.values)).toEqual(expected);
    expect(file.issues).toEqual([]);
  });

  it('keeps quoted empty strings as "" when reading empty.csv', async () => {
    const { records } = await readAll(fileURLToPath(new URL('csvs/empty.csv', spectrum)));
    expect(records).toEqual([
      { line: 2, values: { a: '1', b: '', c: '' } },
      { line: 3, values: { a: '2', b: '3', c: '4' } },
    ]);
  });

  it('reports the start line of records with quoted CRLF newlines', async () => {
    const path = fileURLToPath(new URL('csvs/newlines_crlf.csv', spectrum));
    const { records } = await readAll(path);
    expect(records.map((record) => record.line)).toEqual([2, 3, 5]);
    expect(records[1]?.values.a).toBe('Once upon \r\na time');
  });
});

describe('openCsv on Salesforce exports', () => {
  it('reads the demo Opportunity export despite its UTF-8 BOM', async () => {
    const path = fileURLToPath(new URL('salesforce-demo-export/Opportunity.csv', datasets));
    const { file, records } = await readAll(path);
    expect(records).toHaveLength(50);
    expect(file.delimiter).toBe(',');
    expect(file.headers[0]).toBe('Id');
    expect(file.headers).toHaveLength(35);
    expect(records[0]).toMatchObject({
      line: 2,
      values: {
        Id: '006Ec00000AieKFIAZ',
        Name: 'Patterson-Hansen - Merchant Services - November 2024',
        StageName: 'Qualification',
        Amount: '1124741.15',
        CloseDate: '2024-11-10',
        CreatedDate: '2024-01-22T16:14:25.000+0000',
      },
    });
    expect(records[1]?.values).toMatchObject({
      StageName: 'Closed Won',
      IsWon: '1',
      IsClosed: '1',
    });
    expect(file.issues).toEqual([]);
  });

  it('reads JSON inside quoted fields of the demo Account export', async () => {
    const path = fileURLToPath(new URL('salesforce-demo-export/Account.csv', datasets));
    const { records } = await readAll(path);
    expect(records).toHaveLength(22);
    expect(JSON.parse(records[1]?.values.BillingAddress ?? '')).toMatchObject({
      city: 'Katherinemouth',
      postalCode: '74929',
    });
  });

  it('reads the Developer Edition Opportunity export', async () => {
    const path = fileURLToPath(new URL('salesforce-dev-edition/Opportunity.csv', datasets));
    const { file, records } = await readAll(path);
    expect(records).toHaveLength(36);
    expect(file.headers).toContain('Opportunity Lifecycle (Days)');
    expect(records[0]?.values).toMatchObject({
      Name: 'Dickenson Mobile Generators',
      StageName: 'Qualification',
      Amount: '15000',
      CloseDate: '02/03/24',
      IsClosed: 'FALSE',
    });
  });
});

describe('openCsv delimiters', () => {
  it('detects semicolons and keeps decimal commas intact', async () => {
    const { file, records } = await readAll(text('Name;Amount\r\n"Acme; Inc";"1.234,50"\r\n'));
    expect(file.delimiter).toBe(';');
    expect(records).toEqual([{ line: 2, values: { Name: 'Acme; Inc', Amount: '1.234,50' } }]);
  });

  it('detects tabs', async () => {
    const { file, records } = await readAll(text('Name\tStage\nAcme, Inc\tWon\n'));
    expect(file.delimiter).toBe('\t');
    expect(records[0]?.values).toEqual({ Name: 'Acme, Inc', Stage: 'Won' });
  });

  it('detects pipes', async () => {
    const { file, records } = await readAll(text('a|b\n1|2'));
    expect(file.delimiter).toBe('|');
    expect(records[0]?.values).toEqual({ a: '1', b: '2' });
  });

  it('reports a wrong declared delimiter when the header stays one column', async () => {
    const error = await failure(openCsv(text('Name;Amount\nAcme;5\n'), { delimiter: ',' }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('wrong delimiter');
    expect(error.message).toContain('";"');
  });

  it('reads a genuine single-column file', async () => {
    const { records } = await readAll(text('email\na@example.com\n'));
    expect(records).toEqual([{ line: 2, values: { email: 'a@example.com' } }]);
  });
});

describe('openCsv rows and headers', () => {
  it('collects every ragged row by line and keeps reading', async () => {
    const csv = 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n\n13,14,15\n';
    const { file, records } = await readAll(text(csv));
    expect(records.map((record) => [record.line, record.values.a])).toEqual([
      [2, '1'],
      [4, '6'],
      [7, '13'],
    ]);
    expect(file.issues).toEqual([
      { line: 3, field: '(row)', reason: 'expected 3 fields as in the header, found 2' },
      { line: 5, field: '(row)', reason: 'expected 3 fields as in the header, found 4' },
    ]);
  });

  it('skips rows of empty cells that spreadsheets append', async () => {
    const { file, records } = await readAll(text('a,b\n1,2\n,\n,\n'));
    expect(records).toHaveLength(1);
    expect(file.issues).toEqual([]);
  });

  it('trims headers but not values', async () => {
    const { records } = await readAll(text(' Name , Stage\n Acme , Won \n'));
    expect(records[0]?.values).toEqual({ Name: ' Acme ', Stage: ' Won ' });
  });

  it('rejects duplicate and empty headers with one issue each', async () => {
    const error = await failure(openCsv(text('Id,Name,,Id\n1,2,3,4\n')));
    expect(error.issues).toEqual([
      { line: 1, field: 'column 3', reason: 'the header is empty' },
      { line: 1, field: 'Id', reason: 'the header "Id" appears twice (columns 1 and 4)' },
    ]);
  });

  it('rejects an empty file', async () => {
    const error = await failure(openCsv(text('')));
    expect(error.message).toBe('Line 1: the file is empty; expected a header row.');
  });

  it('names the line of an unclosed quote', async () => {
    const file = await openCsv(text('a,b\n1,2\n3,"never closed\n4,5\n'));
    const error = await failure(
      (async () => {
        for await (const _record of file) {
          // reading until the parser fails
        }
      })(),
    );
    expect(error.message).toBe('Line 3: a quoted field is never closed.');
  });

  it('rejects UTF-16 files with advice', async () => {
    const error = await failure(openCsv(Readable.from([Buffer.from([0xff, 0xfe, 0x61, 0x00])])));
    expect(error.message).toContain('UTF-16');
  });
});

describe('openCsv streaming', () => {
  it('releases the source when the consumer stops early', async () => {
    const source = Readable.from(
      (function* () {
        yield Buffer.from('n\n');
        for (let index = 0; index < 100_000; index += 1) yield Buffer.from(`${index}\n`);
      })(),
    );
    const file = await openCsv(source);
    for await (const record of file) {
      expect(record).toEqual({ line: 2, values: { n: '0' } });
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });
});

describe('openCsv field size limit', () => {
  it('stops at a 10 MB field and names its line without reading the whole file', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const totalChunks = 160; // 10 MiB
    let served = 0;
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from('Id,Description\n1,short\n2,"');
      for (; served < totalChunks; served += 1) yield chunk;
      yield Buffer.from('"\n');
    }
    const file = await openCsv(Readable.from(source()));
    const lines: number[] = [];
    const error = await failure(
      (async () => {
        for await (const record of file) lines.push(record.line);
      })(),
    );
    expect(error.message).toBe('Line 3: a field is larger than the limit of 1 MiB.');
    expect(error.issues).toEqual([
      { line: 3, field: '(row)', reason: 'a field is larger than the limit of 1 MiB' },
    ]);
    expect(lines).toEqual([2]);
    expect(served).toBeLessThan(40);
  });

  it('accepts a configurable limit', async () => {
    const file = await openCsv(text('a,b\n1,2\n3,45678\n'), { maxFieldBytes: 4 });
    const error = await failure(
      (async () => {
        for await (const _record of file) {
          // reading until the limit trips
        }
      })(),
    );
    expect(error.message).toBe('Line 3: a field is larger than the limit of 4 bytes.');
  });
});
