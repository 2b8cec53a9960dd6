import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('base64url', () => {
  it.each<[string, Uint8Array, string]>([
    ['empty', bytes(''), ''],
    ['f', bytes('f'), 'Zg'],
    ['fo', bytes('fo'), 'Zm8'],
    ['foo', bytes('foo'), 'Zm9v'],
    ['foob', bytes('foob'), 'Zm9vYg'],
    ['fooba', bytes('fooba'), 'Zm9vYmE'],
    ['foobar', bytes('foobar'), 'Zm9vYmFy'],
    ['URL alphabet (- and _)', new Uint8Array([0xfb, 0xff, 0xbf]), '-_-_'],
    ['Vietnamese in UTF-8', bytes('Nguyễn'), 'Tmd1eeG7hW4'],
  ])('%s', (_name, input, text) => {
    expect(encodeBase64Url(input)).toBe(text);
    expect(decodeBase64Url(text)).toEqual(input);
  });

  it('agrees with Node for random lengths', () => {
    for (let n = 0; n < 70; n++) {
      const b = randomBytes(n);
      const text = b.toString('base64url');
      expect(encodeBase64Url(b)).toBe(text);
      expect(decodeBase64Url(text)).toEqual(new Uint8Array(b));
    }
  });

  it.each<[string, string]>([
    ['one character left over', 'Z'],
    ['five characters', 'Zm9vY'],
    ['padding', 'Zg=='],
    ['standard alphabet +', 'Z+8'],
    ['standard alphabet /', 'Z/8'],
    ['white space', 'Zm9 v'],
    ['non-zero trailing bits (Zh instead of Zg)', 'Zh'],
    ['non-zero trailing bits (Zm9 instead of Zm8)', 'Zm9'],
    ['non-ASCII', 'Zé'],
  ])('refuses %s', (_name, text) => {
    expect(decodeBase64Url(text)).toBeNull();
  });
});
