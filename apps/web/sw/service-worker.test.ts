/**
 * The service worker's caching rules (docs/decisions/0041), run in a sandbox with a fake `self`:
 * which requests it answers, and which it leaves alone (other users' data, writes, other API reads).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

type FetchEvent = { request: { method: string; url: string; mode: string }; respondWith: (p: Promise<unknown>) => void };

function loadWorker() {
  const listeners = new Map<string, (e: unknown) => void>();
  const self = {
    __VERSION__: 'test',
    __PRECACHE__: ['/index.html'],
    location: { origin: 'https://nangtam.example' },
    addEventListener: (type: string, fn: (e: unknown) => void) => listeners.set(type, fn),
  };
  runInNewContext(readFileSync(join(import.meta.dirname, 'service-worker.js'), 'utf8'), { self, URL });
  return (method: string, path: string, mode = 'cors', origin = 'https://nangtam.example'): boolean => {
    let answered = false;
    const event: FetchEvent = {
      request: { method, url: `${origin}${path}`, mode },
      respondWith: (p) => {
        answered = true;
        void Promise.resolve(p).catch(() => undefined);
      },
    };
    listeners.get('fetch')!(event);
    return answered;
  };
}

describe('service worker: which requests it answers', () => {
  const answers = loadWorker();
  it.each([
    ['a page load', 'GET', '/checkin/12.34.abc', 'navigate', true],
    ['a page load of the learner page', 'GET', '/learning', 'navigate', true],
    ['a hashed asset', 'GET', '/assets/index-B4x9Qz1a.js', 'cors', true],
    ['who am I', 'GET', '/api/v1/auth/me', 'cors', true],
    ["the learner's own learning", 'GET', '/api/v1/me/learning', 'cors', true],
    ["the learner's own sessions", 'GET', '/api/v1/me/sessions?from=2026-12-01', 'cors', true],
    ["the lecturer's own learners", 'GET', '/api/v1/me/learners', 'cors', true],
    ['the vocabularies', 'GET', '/api/v1/reference', 'cors', true],
    ["another person's record", 'GET', '/api/v1/people/42', 'cors', false],
    ["a class's attendance sheet", 'GET', '/api/v1/sessions/7/attendance', 'cors', false],
    ['a check-in (a write)', 'POST', '/api/v1/checkins', 'cors', false],
    ['a logout (a write)', 'POST', '/api/v1/auth/logout', 'cors', false],
    ['an API URL opened as a page', 'GET', '/api/v1/people/42', 'navigate', false],
    ['a path that only starts like an own read', 'GET', '/api/v1/me/learning/extra', 'cors', false],
  ])('%s: %s %s → answered %s', (_label, method, path, mode, expected) => {
    expect(answers(method, path, mode)).toBe(expected);
  });

  it('leaves other origins alone', () => {
    expect(answers('GET', '/assets/x.js', 'cors', 'https://cdn.example')).toBe(false);
  });
});
