import { describe, expect, it } from 'vitest';
import {
  notificationEmail,
  notificationText,
  recipientsOf,
  retryDelaySeconds,
  workKindsOf,
  type Candidate,
  type EventFacts,
} from './index.js';

const officerA: Candidate = { userId: 1, role: 'unit_officer', unitPath: '/1/2/', personId: null, active: true };
const officerProvince: Candidate = { userId: 2, role: 'unit_officer', unitPath: '/1/', personId: null, active: true };
const officerB: Candidate = { userId: 3, role: 'unit_officer', unitPath: '/1/3/', personId: null, active: true };
const learner: Candidate = { userId: 4, role: 'learner', unitPath: '/1/2/', personId: 50, active: true };
const otherLearner: Candidate = { userId: 5, role: 'learner', unitPath: '/1/2/', personId: 51, active: true };
const board: Candidate = { userId: 6, role: 'province_board', unitPath: '/1/', personId: null, active: true };
const retired: Candidate = { userId: 7, role: 'unit_officer', unitPath: '/1/2/', personId: null, active: false };
const registrar: Candidate = { userId: 8, role: 'school_registrar', unitPath: '/1/2/', personId: null, active: true };
const all = [officerA, officerProvince, officerB, learner, otherLearner, board, retired, registrar];

const event = (over: Partial<EventFacts>): EventFacts => ({
  kind: 'waitlist_promoted',
  actorId: 6,
  personId: 50,
  personUnitPath: '/1/2/',
  ...over,
});

describe('recipientsOf: who is told of what', () => {
  it.each([
    ['a decision: the proposer only', event({ kind: 'nomination_decided', proposerId: 1 }), [1]],
    ['a decision on a proposal by someone since gone', event({ kind: 'nomination_decided', proposerId: 7 }), []],
    ['a decision the proposer took themself', event({ kind: 'nomination_decided', actorId: 1, proposerId: 1 }), []],
    ['a waitlist place: the agency officers whose subtree holds the person, active', event({ kind: 'waitlist_promoted' }), [1, 2]],
    ['a waitlist place, the actor being one of those officers', event({ kind: 'waitlist_promoted', actorId: 2 }), [1]],
    ['a recall: the learner and the agency officers', event({ kind: 'recall_recorded' }), [1, 2, 4]],
    ['a recall recorded by the agency itself', event({ kind: 'recall_recorded', actorId: 1 }), [2, 4]],
    ['a recall of someone in another commune', event({ kind: 'recall_recorded', personId: 52, personUnitPath: '/1/3/' }), [2, 3]],
  ])('%s', (_what, e, expected) => {
    expect(recipientsOf(e, all)).toEqual(expected);
  });
});

describe('workKindsOf: the counts each role has', () => {
  it.each([
    ['province_board', ['nominations', 'conductReports', 'needsAnswers', 'planApprovals']],
    ['home_affairs', ['nominations', 'conductReports', 'needsAnswers']],
    ['school_registrar', ['nominations']],
    ['unit_officer', ['conductReports', 'needsAnswers', 'agencyFeedback']],
    ['lecturer', []],
    ['learner', []],
  ] as const)('%s', (role, kinds) => {
    expect(workKindsOf(role)).toEqual(kinds);
  });
});

describe('agency feedback reminders (decision 0051)', () => {
  const officer = (userId: number, unitPath: string, active = true) => ({ userId, role: 'unit_officer' as const, unitPath, personId: null, active });
  it.each([
    ['feedback_due', [officer(1, '/1/7/'), officer(2, '/1/8/'), officer(3, '/1/'), officer(4, '/1/7/', false), { userId: 5, role: 'learner' as const, unitPath: '/1/7/', personId: 9, active: true }], [1, 3]],
    ['feedback_overdue', [officer(1, '/1/7/'), officer(2, '/1/8/')], [1]],
  ] as const)('%s goes to the active officers above the person', (kind, candidates, expected) => {
    expect(recipientsOf({ kind, actorId: 0, personId: 9, personUnitPath: '/1/7/12/' }, candidates)).toEqual(expected);
  });
  it('names the milestone, the person, the class and the due date', () => {
    const p = { personName: 'Nguyễn Thị Bình', className: 'Lớp trung cấp LLCT K12', fromDate: '2027-03-02', milestone: 6 };
    expect(notificationText('feedback_overdue', p, 'vi')).toEqual({
      title: 'Quá hạn nhận xét sau đào tạo',
      body: 'Nhận xét sau 6 tháng về Nguyễn Thị Bình (lớp “Lớp trung cấp LLCT K12”) đến hạn ngày 02/03/2027.',
    });
  });
});

describe('the words of a notification', () => {
  const p = { personName: 'Nguyễn Thị Bình', className: 'Lớp trung cấp LLCT K12', fromDate: '2027-03-02', toDate: '2027-03-04' };
  it('reads in Vietnamese with diacritics and dates as dd/mm/yyyy', () => {
    expect(notificationText('recall_recorded', p, 'vi')).toEqual({
      title: 'Có đợt triệu tập về cơ quan',
      body: 'Nguyễn Thị Bình được triệu tập về cơ quan từ 02/03/2027 đến 04/03/2027 trong thời gian học lớp “Lớp trung cấp LLCT K12”.',
    });
    expect(notificationText('nomination_decided', { ...p, decision: 'approved' }, 'vi').title).toBe('Đề cử đã được duyệt');
    expect(notificationText('nomination_decided', { ...p, decision: 'refused' }, 'vi').body).toBe(
      'Đề cử Nguyễn Thị Bình đi học lớp “Lớp trung cấp LLCT K12” đã bị từ chối.',
    );
  });
  it('reads in English for an English account', () => {
    expect(notificationText('waitlist_promoted', p, 'en')).toEqual({
      title: 'A waitlist place opened',
      body: 'Nguyễn Thị Bình moved from the waitlist into the class "Lớp trung cấp LLCT K12".',
    });
  });
  it('makes an e-mail with the link to the work', () => {
    const mail = notificationEmail('waitlist_promoted', p, 'vi', 'https://nangtam.example/classes/3');
    expect(mail.subject).toBe('[Nâng Tầm] Có chỗ trống trong lớp');
    expect(mail.text).toContain('Xem tại: https://nangtam.example/classes/3');
  });
});

describe('retryDelaySeconds', () => {
  it.each([
    [1, 60],
    [2, 300],
    [3, 1500],
    [4, 7500],
    [5, null],
  ])('after attempt %i: %s', (attempts, delay) => {
    expect(retryDelaySeconds(attempts)).toBe(delay);
  });
});
