import { describe, expect, it } from 'vitest';
import { neutralizeCell } from './neutralize-cell.js';

describe('neutralizeCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+cmd|/C calc!A0', `'+1+cmd|/C calc!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\tTab', `'\tTab`],
    ['\rReturn', `'\rReturn`],
  ])('prefixes a quote to the formula %j', (value, expected) => {
    expect(neutralizeCell(value)).toBe(expected);
  });

  it.each([
    ['\uFF1D', 'full-width equals'],
    ['\uFF0B', 'full-width plus'],
    ['\uFF0D', 'full-width hyphen-minus'],
    ['\uFF20', 'full-width commercial at'],
    ['\uFE66', 'small equals'],
    ['\uFE62', 'small plus'],
    ['\uFE63', 'small hyphen-minus'],
    ['\uFE6B', 'small commercial at'],
  ])('prefixes a quote to a formula starting with the look-alike %j (%s)', (start) => {
    const value = `${start}HYPERLINK("http://evil","x")`;
    expect(neutralizeCell(value)).toBe(`'${value}`);
  });

  it('keeps negative and decimal numbers as numbers, whether typed or text', () => {
    expect(neutralizeCell(-500)).toBe('-500');
    expect(neutralizeCell('-500')).toBe('-500');
    expect(neutralizeCell('-12.50')).toBe('-12.50');
    expect(neutralizeCell(0)).toBe('0');
  });

  it('leaves ordinary text, dates and empty cells alone', () => {
    expect(neutralizeCell('Acme - East')).toBe('Acme - East');
    expect(neutralizeCell('2024-05-01')).toBe('2024-05-01');
    // Full-width letters and digits are not formula starters.
    expect(neutralizeCell('\uFF21cme \uFF11')).toBe('\uFF21cme \uFF11');
    expect(neutralizeCell(null)).toBe('');
    expect(neutralizeCell('')).toBe('');
  });
});
