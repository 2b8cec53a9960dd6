import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vi as viFull } from '../i18n/vi';
import { viPublic } from '../i18n/vi-public';
import { publicPage, PUBLIC_PATH } from './nav';
import { safeNext } from '../features/auth/LoginPage';
import { announceSignIn, claimSignIn, onSignIn } from '../app/session-core';

/**
 * The public pages render from the entry with only the public texts of the dictionary (i18n/vi-public.ts,
 * docs/decisions/0060): a key they use that is missing there would show as the raw key on a phone.
 */
const src = join(import.meta.dirname, '..');
const PUBLIC_MODULES = [
  'features/auth/LoginPage.tsx',
  'features/verify/VerifyPage.tsx',
  'features/checkin/CheckinPage.tsx',
  'features/checkin/PhoneFrame.tsx',
  'public/shell.tsx',
  'public/ui.tsx',
  'shared/errors.ts',
  'shared/page-title.ts',
];

describe('the public texts', () => {
  const sources = PUBLIC_MODULES.map((f) => [f, readFileSync(join(src, f), 'utf8')] as const);

  it.each(sources)('%s uses only keys of vi-public.ts', (_, text) => {
    const keys = [...text.matchAll(/\b(?:t|translate)\((?:locale, )?'([\w.]+)'/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    const missing = keys.filter((k) => !(k in viPublic));
    expect(missing).toEqual([]);
  });

  it.each(sources)('%s: every key a template names (mark.${…}) is in vi-public.ts', (_, text) => {
    for (const [, prefix] of text.matchAll(/\bt\(`([\w.]+\.)\$\{/g)) {
      const all = Object.keys(viFull).filter((k) => k.startsWith(prefix!));
      expect(all.length, prefix).toBeGreaterThan(0);
      expect(all.filter((k) => !(k in viPublic))).toEqual([]);
    }
  });

  it('the module list above holds every public module (a new import would be unchecked)', () => {
    const shell = readFileSync(join(src, 'public/PublicPage.tsx'), 'utf8');
    for (const page of ['features/auth/LoginPage', 'features/verify/VerifyPage', 'features/checkin/CheckinPage'])
      expect(shell).toContain(page);
  });

  it('are the same texts in the full dictionary', () => {
    for (const [k, v] of Object.entries(viPublic)) expect(viFull[k as keyof typeof viFull]).toBe(v);
  });
});

describe('which paths the light shell renders itself', () => {
  it.each([
    ['/login', { page: 'login' }],
    ['/login/', { page: 'login' }],
    ['/verify/ABC-123', { page: 'verify', code: 'ABC-123' }],
    ['/verify/a%20b', { page: 'verify', code: 'a b' }],
    ['/verify/%E0%A4%A', { page: 'verify', code: '%E0%A4%A' }],
    ['/checkin/12.1700000000.abc_-', { page: 'checkin', token: '12.1700000000.abc_-' }],
    ['/verify/', null],
    ['/verify/a/b', null],
    ['/loginx', null],
    ['/learning', null],
    ['/', null],
    ['/people/12', null],
  ])('%s → %j', (path, expected) => {
    expect(publicPage(path)).toEqual(expected);
    if (expected) expect(PUBLIC_PATH.test(path)).toBe(true);
  });
});

describe('where the login page goes next', () => {
  it.each([
    [null, '/'],
    ['', '/'],
    ['/learning', '/learning'],
    ['/checkin/1.2.x', '/checkin/1.2.x'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/login?next=/x', '/'],
  ])('next=%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('a sign-in before the signed-in app is loaded', () => {
  const me = { id: 7, csrfToken: 'tok' } as unknown as Parameters<typeof announceSignIn>[0];
  it('is handed to the app once, and listeners hear every sign-in', () => {
    expect(claimSignIn()).toBeNull();
    const heard: number[] = [];
    const off = onSignIn((u) => heard.push(u.id));
    announceSignIn(me);
    expect(heard).toEqual([7]);
    expect(claimSignIn()).toBe(me);
    expect(claimSignIn()).toBeNull();
    off();
    announceSignIn(me);
    expect(heard).toEqual([7]);
    expect(claimSignIn()).toBe(me);
  });
});
