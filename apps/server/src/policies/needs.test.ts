import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { needsAnswerPolicy, needsCampaignListPolicy, needsCampaignPolicy, type NeedsAnswerFacts } from './needs.js';

/**
 * The needs policies as a table: the province (/1/) runs the campaign, commune A (/1/3/) answers,
 * the school is /1/7/. Reach before role before state.
 */
function user(role: Role, unitPath: string): AuthUser {
  return {
    id: 1,
    username: role,
    displayName: role,
    role,
    unitId: 1,
    unitName: '',
    unitPath,
    personId: null,
    locale: 'vi',
    sessionId: '',
    csrfToken: '',
    scope: scopeFor(role, unitPath, null),
    permissions: ROLE_PERMISSIONS[role],
  };
}

const board = user('province_board', '/1/');
const noivu = user('home_affairs', '/1/');
const officerA = user('unit_officer', '/1/3/');
const officerB = user('unit_officer', '/1/4/');
const school = user('school_registrar', '/1/7/');
const lecturer = user('lecturer', '/1/7/');

const answer = (over: Partial<NeedsAnswerFacts> = {}): NeedsAnswerFacts => ({
  campaign: { year: 2027, status: 'open', deadline: '2026-11-30' },
  status: 'draft',
  reopenedUntil: null,
  today: '2026-11-20',
  ownerPath: '/1/',
  unitPath: '/1/3/',
  ...over,
});
const code = (v: true | { code: string }) => (v === true ? 'ok' : v.code);

describe('needs campaign policy', () => {
  it.each([
    ['the board', board, false, ['update', 'reopenUnit', 'viewAggregate', 'export']],
    ['home affairs', noivu, false, ['update', 'reopenUnit', 'viewAggregate', 'export']],
    ['an officer asked by it', officerA, true, []],
    ['the school (counts only)', school, false, ['viewAggregate', 'export']],
  ] as const)('%s', (_l, u, asks, actions) => {
    expect(needsCampaignPolicy.allowedActions(u, { ownerPath: '/1/', asksMyUnits: asks })).toEqual(actions);
  });
  it('hides a campaign from an officer it does not ask, and from a lecturer', () => {
    expect(code(needsCampaignPolicy.decide(officerB, { ownerPath: '/1/', asksMyUnits: false }, 'update'))).toBe('NOT_FOUND');
    expect(code(needsCampaignPolicy.decide(officerA, { ownerPath: '/1/', asksMyUnits: true }, 'update'))).toBe('FORBIDDEN');
    expect(code(needsCampaignPolicy.decide(lecturer, { ownerPath: '/1/', asksMyUnits: true }, 'viewAggregate'))).toBe('NOT_FOUND');
  });
  it('lets only those who run campaigns open one', () => {
    expect([board, noivu, officerA, school].map((u) => needsCampaignListPolicy.may(u, null, 'create'))).toEqual([true, true, false, false]);
  });
});

describe('needs answer policy', () => {
  it.each([
    ['officer, own draft', officerA, answer(), { edit: 'ok', submit: 'ok', return: 'FORBIDDEN', export: 'ok' }],
    [
      'officer, not started',
      officerA,
      answer({ status: 'not_started' }),
      { edit: 'ok', submit: 'NEEDS_ANSWER_NOT_SAVED', return: 'FORBIDDEN', export: 'ok' },
    ],
    [
      'officer, submitted',
      officerA,
      answer({ status: 'submitted' }),
      { edit: 'NEEDS_ANSWER_SUBMITTED', submit: 'NEEDS_ANSWER_SUBMITTED', return: 'FORBIDDEN', export: 'ok' },
    ],
    [
      'officer, past the deadline',
      officerA,
      answer({ today: '2026-12-01' }),
      { edit: 'NEEDS_CAMPAIGN_CLOSED', submit: 'NEEDS_CAMPAIGN_CLOSED', return: 'FORBIDDEN', export: 'ok' },
    ],
    [
      'officer, closed but reopened for the unit',
      officerA,
      answer({ campaign: { year: 2027, status: 'closed', deadline: '2026-11-30' }, reopenedUntil: '2026-11-25' }),
      { edit: 'ok', submit: 'ok', return: 'FORBIDDEN', export: 'ok' },
    ],
    ["another commune's officer", officerB, answer(), { edit: 'NOT_FOUND', submit: 'NOT_FOUND', return: 'NOT_FOUND', export: 'NOT_FOUND' }],
    ['the school', school, answer(), { edit: 'NOT_FOUND', submit: 'NOT_FOUND', return: 'NOT_FOUND', export: 'NOT_FOUND' }],
    [
      'the board, submitted',
      board,
      answer({ status: 'submitted' }),
      { edit: 'NEEDS_ANSWER_SUBMITTED', submit: 'NEEDS_ANSWER_SUBMITTED', return: 'ok', export: 'ok' },
    ],
    ['the board, a draft', board, answer(), { edit: 'ok', submit: 'ok', return: 'NEEDS_ANSWER_NOT_SUBMITTED', export: 'ok' }],
  ] as const)('%s', (_l, u, facts, expected) => {
    const got = Object.fromEntries(
      (['edit', 'submit', 'return', 'export'] as const).map((a) => [
        a,
        code(needsAnswerPolicy.decide(u, facts, a) as true | { code: string }),
      ]),
    );
    expect(got).toEqual(expected);
  });
});
