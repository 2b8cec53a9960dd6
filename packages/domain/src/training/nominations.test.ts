import { describe, expect, it } from 'vitest';
import { SHIPPED_PROGRAMMES } from '../rules/seed.js';
import { TrainingError } from './errors.js';
import { approvalChain, nextApprovalStep, placeNomination, PROMOTED_STATUS, promoteFromWaitlist, waitlistOrder } from './nominations.js';
import type { Nomination, NominationStatus, ProgrammeKind } from './types.js';

let seq = 0;
function nom(status: NominationStatus, nominatedAt: string, id = `n${++seq}`, personId = `p-${id}`): Nomination {
  return { id, personId, status, nominatedAt };
}

describe('nextApprovalStep: agency → provincial board or home affairs → school', () => {
  it.each<[ProgrammeKind, NominationStatus, string | null, string | null]>([
    ['political_theory', 'nominated', 'agency', 'approved_agency'],
    ['political_theory', 'approved_agency', 'provincial_board', 'approved_board'],
    ['political_theory', 'approved_board', 'school', 'enrolled'],
    ['state_management', 'approved_agency', 'home_affairs', 'approved_board'],
    ['thematic', 'approved_agency', 'home_affairs', 'approved_board'],
    ['postgraduate', 'approved_agency', 'home_affairs', 'approved_board'],
    ['new_party_member', 'approved_agency', 'provincial_board', 'approved_board'],
    ['knowledge_update', 'approved_agency', 'provincial_board', 'approved_board'],
    ['state_management', 'approved_board', 'school', 'enrolled'],
    ['political_theory', 'enrolled', null, null],
    ['political_theory', 'waitlisted', null, null],
    ['political_theory', 'withdrawn', null, null],
    ['state_management', 'refused', null, null],
  ])('%s, %s → %s', (kind, status, approver, onApprove) => {
    const step = nextApprovalStep(kind, status);
    expect(step?.approver ?? null).toBe(approver);
    expect(step?.onApprove ?? null).toBe(onApprove);
    if (step) expect(step.onRefuse).toBe('refused');
  });

  it('names the approver in Vietnamese', () => {
    expect(nextApprovalStep('political_theory', 'approved_agency')?.label).toBe('Ban Tổ chức Tỉnh ủy');
    expect(nextApprovalStep('state_management', 'approved_agency')?.label).toBe('Sở Nội vụ');
  });

  it('has a three-step chain for every shipped programme', () => {
    for (const p of SHIPPED_PROGRAMMES) expect(approvalChain(p.kind)).toHaveLength(3);
  });
});

describe('placeNomination: a place from nomination on, or the waitlist in nomination order', () => {
  const candidate = { id: 'c', personId: 'p-c', nominatedAt: '2026-02-10T08:00:00.000Z' };
  it.each<[string, number, Nomination[], 'nominated' | 'waitlisted' | 'duplicate', number | null]>([
    ['empty class', 30, [], 'nominated', null],
    ['the last place', 2, [nom('enrolled', '2026-02-01T00:00:00.000Z')], 'nominated', null],
    ['full class', 1, [nom('enrolled', '2026-02-01T00:00:00.000Z')], 'waitlisted', 1],
    [
      'nominations in the approval chain hold their places',
      3,
      [
        nom('nominated', '2026-02-01T00:00:00.000Z'),
        nom('approved_agency', '2026-02-01T00:00:00.000Z'),
        nom('approved_board', '2026-02-01T00:00:00.000Z'),
      ],
      'waitlisted',
      1,
    ],
    [
      'withdrawn and refused hold none',
      1,
      [nom('withdrawn', '2026-02-01T00:00:00.000Z'), nom('refused', '2026-02-01T00:00:00.000Z')],
      'nominated',
      null,
    ],
    [
      'full class with two waiting, nominated earlier',
      1,
      [
        nom('enrolled', '2026-02-01T00:00:00.000Z'),
        nom('waitlisted', '2026-02-02T00:00:00.000Z'),
        nom('waitlisted', '2026-02-03T00:00:00.000Z'),
      ],
      'waitlisted',
      3,
    ],
    [
      'a free place but someone nominated earlier is waiting',
      2,
      [nom('nominated', '2026-02-01T00:00:00.000Z'), nom('waitlisted', '2026-02-05T00:00:00.000Z')],
      'waitlisted',
      2,
    ],
    [
      'two free places, one waiting ahead',
      3,
      [nom('enrolled', '2026-02-01T00:00:00.000Z'), nom('waitlisted', '2026-02-05T00:00:00.000Z')],
      'nominated',
      null,
    ],
    [
      're-placed with an earlier time than the one waiting: goes ahead',
      1,
      [nom('enrolled', '2026-02-01T00:00:00.000Z'), nom('waitlisted', '2026-02-11T00:00:00.000Z')],
      'waitlisted',
      1,
    ],
    [
      're-placed with an earlier time and a free place',
      2,
      [nom('enrolled', '2026-02-01T00:00:00.000Z'), nom('waitlisted', '2026-02-15T00:00:00.000Z')],
      'nominated',
      null,
    ],
    [
      'capacity reduced below the places held',
      1,
      [nom('enrolled', '2026-02-01T00:00:00.000Z'), nom('approved_board', '2026-02-02T00:00:00.000Z')],
      'waitlisted',
      1,
    ],
    ['capacity 0', 0, [], 'waitlisted', 1],
    ['the same person already waiting', 5, [nom('waitlisted', '2026-02-01T00:00:00.000Z', 'old', 'p-c')], 'duplicate', null],
    [
      'the same person already in the approval chain',
      5,
      [nom('approved_agency', '2026-02-01T00:00:00.000Z', 'old', 'p-c')],
      'duplicate',
      null,
    ],
    [
      'the same person withdrawn earlier may be nominated again',
      5,
      [nom('withdrawn', '2026-02-01T00:00:00.000Z', 'old', 'p-c')],
      'nominated',
      null,
    ],
    ['the candidate itself in the list is ignored', 1, [nom('nominated', candidate.nominatedAt, 'c', 'p-c')], 'nominated', null],
  ])('%s', (_name, capacity, nominations, decision, position) => {
    const r = placeNomination({ capacity, nominations, candidate });
    expect(r.decision).toBe(decision);
    expect(r.position).toBe(position);
  });

  it('breaks equal nomination times by id', () => {
    const same = '2026-02-10T08:00:00.000Z';
    expect(
      placeNomination({
        capacity: 1,
        nominations: [nom('enrolled', same), nom('waitlisted', same, 'b')],
        candidate: { id: 'c', personId: 'x', nominatedAt: same },
      }).position,
    ).toBe(2);
    expect(
      placeNomination({
        capacity: 1,
        nominations: [nom('enrolled', same), nom('waitlisted', same, 'd')],
        candidate: { id: 'c', personId: 'x', nominatedAt: same },
      }).position,
    ).toBe(1);
  });

  it('explains itself', () => {
    const r = placeNomination({ capacity: 2, nominations: [nom('enrolled', '2026-02-01'), nom('waitlisted', '2026-02-05')], candidate });
    expect(r.detail).toBe('Vào danh sách chờ, thứ tự 2: lớp còn 1/2 chỗ, 1 người chờ được cử trước.');
    expect(r.facts).toEqual({ capacity: 2, taken: 1, free: 1, waitlistedAhead: 1 });
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses capacity %s', (capacity) => {
    expect(() => placeNomination({ capacity, nominations: [], candidate })).toThrow(TrainingError);
  });
});

describe('promoteFromWaitlist: first nominated, first promoted', () => {
  const waiting = [
    nom('waitlisted', '2026-02-05T09:00:00.000Z', 'w3'),
    nom('waitlisted', '2026-02-03T09:00:00.000Z', 'w1'),
    nom('waitlisted', '2026-02-04T09:00:00.000Z', 'w2'),
    nom('waitlisted', '2026-02-04T09:00:00.000Z', 'w2b'),
  ];
  const enrolled = (n: number) => Array.from({ length: n }, (_, i) => nom('enrolled', '2026-01-01T00:00:00.000Z', `e${i}`));

  it.each<[string, number, Nomination[], string[], string[]]>([
    ['one place frees', 3, [...enrolled(2), ...waiting], ['w1'], ['w2', 'w2b', 'w3']],
    ['two places free (equal times by id)', 4, [...enrolled(2), ...waiting], ['w1', 'w2'], ['w2b', 'w3']],
    ['more places than waiting', 10, [...enrolled(2), ...waiting], ['w1', 'w2', 'w2b', 'w3'], []],
    ['no free place', 2, [...enrolled(2), ...waiting], [], ['w1', 'w2', 'w2b', 'w3']],
    ['over capacity after a reduction', 1, [...enrolled(2), ...waiting], [], ['w1', 'w2', 'w2b', 'w3']],
    [
      'withdrawn ones are not on the waitlist',
      3,
      [...enrolled(2), nom('withdrawn', '2026-01-01T00:00:00.000Z', 'gone'), ...waiting],
      ['w1'],
      ['w2', 'w2b', 'w3'],
    ],
  ])('%s', (_name, capacity, nominations, promoted, still) => {
    const r = promoteFromWaitlist({ capacity, nominations });
    expect(r.promote.map((n) => n.id)).toEqual(promoted);
    expect(r.waiting.map((w) => w.nomination.id)).toEqual(still);
    expect(r.waiting.map((w) => w.position)).toEqual(still.map((_, i) => i + 1));
  });

  it('promoted nominations start the approval chain', () => {
    expect(PROMOTED_STATUS).toBe('nominated');
    expect(nextApprovalStep('political_theory', PROMOTED_STATUS)?.approver).toBe('agency');
  });

  it('orders the waitlist', () => {
    expect(waitlistOrder(waiting).map((n) => n.id)).toEqual(['w1', 'w2', 'w2b', 'w3']);
  });
});
