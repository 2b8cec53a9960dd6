import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it.each([
    [['Năm', 'Lượt'], [[2024, 1200]], 'Năm,Lượt\r\n2024,1200'],
    [['a'], [['x, y'], ['say "hi"'], [null]], 'a\r\n"x, y"\r\n"say ""hi"""\r\n'],
  ] as const)('%o', (h, rows, expected) => {
    expect(toCsv(h, rows as unknown as (string | number | null)[][])).toBe(expected);
  });
});
