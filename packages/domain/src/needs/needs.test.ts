import { describe, expect, it } from 'vitest';
import {
  answerWindowRefusal,
  editRefusal,
  isLate,
  lineProblems,
  programmesForGaps,
  remindersDue,
  reopenAfterReturn,
  returnRefusal,
  submitRefusal,
  suggestedQuarter,
  suggestionLines,
  youngJudgedOn,
  type AnswerStatus,
  type CampaignFacts,
  type LineInput,
  type Offer,
  type ReminderKind,
} from './needs.js';
import { aggregateNeeds, percent, type AnswerLineFact } from './aggregate.js';

const campaign = (over: Partial<CampaignFacts> = {}): CampaignFacts => ({ year: 2027, status: 'open', deadline: '2026-11-30', ...over });

describe('answering window', () => {
  it.each([
    ['open, before the deadline', campaign(), null, '2026-11-01', null],
    ['open, on the deadline', campaign(), null, '2026-11-30', null],
    ['open, the day after', campaign(), null, '2026-12-01', 'NEEDS_CAMPAIGN_CLOSED'],
    ['closed', campaign({ status: 'closed' }), null, '2026-11-01', 'NEEDS_CAMPAIGN_CLOSED'],
    ['late but reopened for the unit', campaign(), '2026-12-10', '2026-12-05', null],
    ['closed but reopened for the unit', campaign({ status: 'closed' }), '2026-12-10', '2026-12-10', null],
    ['reopening expired', campaign(), '2026-12-03', '2026-12-04', 'NEEDS_CAMPAIGN_CLOSED'],
  ] as const)('%s', (_label, c, reopened, today, code) => {
    expect(answerWindowRefusal(c, reopened, today)?.code ?? null).toBe(code);
  });

  it('says the deadline in Vietnamese', () => {
    expect(answerWindowRefusal(campaign(), null, '2026-12-02')!.message).toContain('hạn 30/11/2026');
  });

  it.each([
    ['draft', '2026-12-01', true],
    ['draft', '2026-11-30', false],
    ['submitted', '2026-12-01', false],
    ['not_started', '2026-12-05', true],
  ] as const)('late: %s on %s → %s', (status, today, late) => {
    expect(isLate(campaign(), status, today)).toBe(late);
  });
});

describe('answer lifecycle', () => {
  const facts = (status: AnswerStatus, today = '2026-11-01', reopenedUntil: string | null = null) => ({
    campaign: campaign(),
    status,
    reopenedUntil,
    today,
  });
  it.each([
    ['not_started', null, 'NEEDS_ANSWER_NOT_SAVED', 'NEEDS_ANSWER_NOT_SUBMITTED'],
    ['draft', null, null, 'NEEDS_ANSWER_NOT_SUBMITTED'],
    ['returned', null, null, 'NEEDS_ANSWER_NOT_SUBMITTED'],
    ['submitted', 'NEEDS_ANSWER_SUBMITTED', 'NEEDS_ANSWER_SUBMITTED', null],
  ] as const)('%s: edit %s, submit %s, return %s', (status, edit, submit, ret) => {
    expect(editRefusal(facts(status))?.code ?? null).toBe(status === 'not_started' ? null : edit);
    expect(submitRefusal(facts(status))?.code ?? null).toBe(submit);
    expect(returnRefusal(facts(status))?.code ?? null).toBe(ret);
  });

  it('refuses a draft after the deadline, allows it once reopened', () => {
    expect(editRefusal(facts('draft', '2026-12-02'))?.code).toBe('NEEDS_CAMPAIGN_CLOSED');
    expect(editRefusal(facts('draft', '2026-12-02', '2026-12-09'))).toBeNull();
  });

  it.each([
    ['within the window: nothing to reopen', '2026-11-10', null, null],
    ['after the deadline: a week from today', '2026-12-05', null, '2026-12-12'],
    ['a later reopening is kept', '2026-12-05', '2026-12-31', '2026-12-31'],
    ['an earlier one is extended', '2026-12-05', '2026-12-06', '2026-12-12'],
  ] as const)('return reopens: %s', (_l, today, existing, expected) => {
    expect(reopenAfterReturn(campaign(), existing, today)).toBe(expected);
  });
});

describe('line problems', () => {
  const offers: Offer[] = [
    { programmeCode: 'TC_LLCT', programmeName: 'Trung cấp LLCT', modes: ['full_time', 'part_time'] },
    { programmeCode: 'BD_CV', programmeName: 'Bồi dưỡng ngạch chuyên viên', modes: ['full_time'] },
  ];
  const line = (over: Partial<LineInput> = {}): LineInput => ({
    programmeCode: 'TC_LLCT',
    mode: 'full_time',
    quarter: 2,
    people: 3,
    personIds: [],
    ...over,
  });
  const inUnit = (id: number) => id < 100;
  it.each([
    ['a valid line', [line()], []],
    ['a programme not offered', [line({ programmeCode: 'CAO_CAP' })], ['lines.0.programmeCode NEEDS_PROGRAMME_NOT_OFFERED']],
    ['a mode not offered', [line({ programmeCode: 'BD_CV', mode: 'online' })], ['lines.0.mode NEEDS_MODE_NOT_OFFERED']],
    ['quarter 0', [line({ quarter: 0 })], ['lines.0.quarter NEEDS_QUARTER_INVALID']],
    ['quarter 5', [line({ quarter: 5 })], ['lines.0.quarter NEEDS_QUARTER_INVALID']],
    ['a negative count', [line({ people: -1 })], ['lines.0.people NEEDS_COUNT_INVALID']],
    ['a fractional count', [line({ people: 1.5 })], ['lines.0.people NEEDS_COUNT_INVALID']],
    ['zero people is a valid line', [line({ people: 0 })], []],
    ['more named than counted', [line({ people: 1, personIds: [1, 2] })], ['lines.0.people NEEDS_NAMED_EXCEED_COUNT']],
    ['a person outside the unit', [line({ personIds: [1, 500] })], ['lines.0.personIds.1 NEEDS_PERSON_OUTSIDE_UNIT']],
    ['a person twice in a line', [line({ personIds: [1, 1] })], ['lines.0.personIds.1 NEEDS_PERSON_NAMED_TWICE']],
    [
      'a person in two lines of one programme',
      [line({ personIds: [1] }), line({ quarter: 3, personIds: [1] })],
      ['lines.1.personIds.0 NEEDS_PERSON_NAMED_TWICE'],
    ],
    ['a person in two programmes is fine', [line({ personIds: [1] }), line({ programmeCode: 'BD_CV', personIds: [1] })], []],
    ['the same programme × mode × quarter twice', [line(), line()], ['lines.1.quarter NEEDS_DUPLICATE_LINE']],
  ] as const)('%s', (_label, lines, expected) => {
    expect(lineProblems(offers, lines as readonly LineInput[], inUnit).map((p) => `${p.path} ${p.code}`)).toEqual(expected);
  });

  it('names the earlier line of a repeated person', () => {
    const [p] = lineProblems(offers, [line({ personIds: [7] }), line({ quarter: 4, personIds: [7] })], inUnit);
    expect(p!.message).toBe('Người này đã được nêu tên ở dòng 1 cho cùng chương trình.');
  });
});

describe('suggest from gaps', () => {
  const offered = [
    { code: 'SO_CAP', grants: { kind: 'political_theory', rank: 1 } },
    { code: 'TC_LLCT', grants: { kind: 'political_theory', rank: 2 } },
    { code: 'CAO_CAP', grants: { kind: 'political_theory', rank: 3 } },
    { code: 'CV', grants: { kind: 'state_management', rank: 1 } },
    { code: 'AI', grants: null },
  ];
  it.each([
    [
      'needs trung cấp, eligible for both trung cấp and cao cấp: the lower one',
      [{ kind: 'political_theory', rank: 2 }],
      ['TC_LLCT', 'CAO_CAP'],
      ['TC_LLCT'],
    ],
    ['needs trung cấp, eligible for cao cấp only', [{ kind: 'political_theory', rank: 2 }], ['CAO_CAP'], ['CAO_CAP']],
    [
      'needs trung cấp, eligible for sơ cấp only: nothing (it would not close the gap)',
      [{ kind: 'political_theory', rank: 2 }],
      ['SO_CAP'],
      [],
    ],
    [
      'two kinds',
      [
        { kind: 'political_theory', rank: 1 },
        { kind: 'state_management', rank: 1 },
      ],
      ['SO_CAP', 'CV'],
      ['SO_CAP', 'CV'],
    ],
    ['not eligible for anything', [{ kind: 'state_management', rank: 1 }], [], []],
    ['no gap', [], ['SO_CAP'], []],
  ] as const)('%s', (_l, needs, eligible, expected) => {
    expect(programmesForGaps(needs, offered, (c) => (eligible as readonly string[]).includes(c))).toEqual(expected);
  });

  it.each([
    [2027, '2026-11-30', 1],
    [2027, '2027-01-15', 2],
    [2027, '2027-05-31', 3],
    [2027, '2027-12-01', 4],
    [2027, '2028-01-01', 4],
  ] as const)('year %i, deadline %s → quarter %i', (year, deadline, q) => {
    expect(suggestedQuarter(year, deadline)).toBe(q);
  });

  it('groups picks per programme × mode, counting each person once', () => {
    expect(
      suggestionLines(
        [
          { personId: 1, programmeCode: 'TC_LLCT', mode: 'part_time' },
          { personId: 2, programmeCode: 'TC_LLCT', mode: 'part_time' },
          { personId: 2, programmeCode: 'TC_LLCT', mode: 'part_time' },
          { personId: 3, programmeCode: 'CV', mode: 'full_time' },
        ],
        2,
      ),
    ).toEqual([
      { programmeCode: 'TC_LLCT', mode: 'part_time', quarter: 2, people: 2, personIds: [1, 2] },
      { programmeCode: 'CV', mode: 'full_time', quarter: 2, people: 1, personIds: [3] },
    ]);
  });
});

describe('reminders', () => {
  const none = new Set<ReminderKind>();
  it.each([
    ['D-4: nothing yet', '2026-11-26', 'draft', none, []],
    ['D-3', '2026-11-27', 'not_started', none, ['before_deadline']],
    ['on the deadline', '2026-11-30', 'draft', none, ['before_deadline']],
    ['D-3 already recorded', '2026-11-28', 'draft', new Set<ReminderKind>(['before_deadline']), []],
    ['D+1', '2026-12-01', 'returned', new Set<ReminderKind>(['before_deadline']), ['after_deadline']],
    ['D+1 missed D-3: only the late one', '2026-12-02', 'draft', none, ['after_deadline']],
    ['D+1 already recorded', '2026-12-05', 'draft', new Set<ReminderKind>(['after_deadline']), []],
    ['submitted: none', '2026-11-29', 'submitted', none, []],
  ] as const)('%s', (_l, today, status, recorded, expected) => {
    expect(remindersDue(campaign(), status, recorded, today)).toEqual(expected);
  });
  it('a closed campaign reminds nobody', () => {
    expect(remindersDue(campaign({ status: 'closed' }), 'draft', none, '2026-12-01')).toEqual([]);
  });
});

describe('aggregation', () => {
  // named people of a line, each given by its groups
  const named = (...people: Partial<Record<'young' | 'female' | 'minority' | 'planned', boolean>>[]) => ({
    count: people.length,
    young: people.filter((p) => p.young).length,
    female: people.filter((p) => p.female).length,
    minority: people.filter((p) => p.minority).length,
    planned: people.filter((p) => p.planned).length,
  });
  // province 1 → district-level body 2 → communes 3, 4; department 5 directly under the province
  const units = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
    { id: 4, parentId: 2 },
    { id: 5, parentId: 1 },
    { id: 6, parentId: 1 },
  ];
  const lines: AnswerLineFact[] = [
    {
      unitId: 3,
      programmeCode: 'TC',
      mode: 'part_time',
      quarter: 2,
      people: 5,
      named: named({ young: true, female: true }, { minority: true }),
    },
    { unitId: 3, programmeCode: 'CV', mode: 'full_time', quarter: 1, people: 2, named: named() },
    { unitId: 4, programmeCode: 'TC', mode: 'part_time', quarter: 3, people: 3, named: named({ planned: true, female: true }) },
    { unitId: 5, programmeCode: 'TC', mode: 'full_time', quarter: 2, people: 4, named: named() },
    { unitId: 2, programmeCode: 'AI', mode: 'online', quarter: 4, people: 10, named: named() },
  ];
  const agg = aggregateNeeds(lines, ['TC', 'CV', 'AI'], units);

  it('sums the whole campaign and its target groups over the named people', () => {
    expect(agg.total).toEqual({ people: 24, named: 3, young: 1, female: 2, minority: 1, planned: 1 });
  });
  it('by programme, mode and quarter', () => {
    expect(agg.byProgramme.map((p) => [p.programmeCode, p.total.people, p.byMode, p.byQuarter])).toEqual([
      ['TC', 12, { part_time: 8, full_time: 4 }, [0, 9, 3, 0]],
      ['CV', 2, { full_time: 2 }, [2, 0, 0, 0]],
      ['AI', 10, { online: 10 }, [0, 0, 0, 10]],
    ]);
    expect(agg.byMode).toEqual([
      { mode: 'full_time', people: 6 },
      { mode: 'part_time', people: 8 },
      { mode: 'online', people: 10 },
    ]);
    expect(agg.byQuarter).toEqual([2, 9, 3, 10]);
  });
  it('rolls each unit up to its ancestors, leaving out units with nothing', () => {
    expect(agg.byUnit.map((u) => [u.unitId, u.own.people, u.subtree.people])).toEqual([
      [1, 0, 24],
      [2, 10, 20],
      [3, 7, 7],
      [4, 3, 3],
      [5, 4, 4],
    ]);
  });
  it('nothing answered: zeros', () => {
    const empty = aggregateNeeds([], ['TC'], units);
    expect([empty.total.people, empty.byProgramme, empty.byUnit, empty.byQuarter]).toEqual([0, [], [], [0, 0, 0, 0]]);
  });
  it('the seeds: Long An 2023, 50 classes against 48 planned', () => {
    expect(percent(50, 48)).toBe(104.2);
    expect(percent(0, 0)).toBe(0);
    expect(percent(1, 3)).toBe(33.3);
  });
  it('young is judged on 1 January of the campaign year', () => {
    expect(youngJudgedOn(2027)).toBe('2027-01-01');
  });
});
