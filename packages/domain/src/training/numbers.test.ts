import { describe, expect, it } from 'vitest';
import { formatViNumber, formatViPercent, roundHalfUp } from './numbers.js';

describe('roundHalfUp: half up on the decimal value as written', () => {
  it.each<[number, number, number]>([
    [1.005, 2, 1.01],
    [8.125, 2, 8.13],
    [8.124, 2, 8.12],
    [2.675, 2, 2.68],
    [7.625, 2, 7.63],
    [8.995, 2, 9],
    [9.994999, 2, 9.99],
    [0, 2, 0],
    [10, 2, 10],
    [0.83333, 1, 0.8],
    [83.35, 1, 83.4],
    [1e-7, 2, 0],
  ])('%s to %s decimals → %s', (value, decimals, expected) => {
    expect(roundHalfUp(value, decimals)).toBe(expected);
  });
});

describe('Vietnamese number display', () => {
  it.each<[number, string]>([
    [8.5, '8,5'],
    [9, '9'],
    [8.25, '8,25'],
    [7.625, '7,63'],
    [5, '5'],
  ])('%s → %s', (value, text) => {
    expect(formatViNumber(value)).toBe(text);
  });

  it('keeps the minimum decimals asked for', () => {
    expect(formatViNumber(9, 2, 2)).toBe('9,00');
    expect(formatViNumber(8.5, 2, 1)).toBe('8,5');
  });

  it.each<[number, string]>([
    [0.8, '80%'],
    [17 / 20, '85%'],
    [5 / 6, '83,3%'],
    [1, '100%'],
    [0, '0%'],
  ])('rate %s → %s', (rate, text) => {
    expect(formatViPercent(rate)).toBe(text);
  });
});
