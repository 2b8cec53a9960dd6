import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { classListPolicy, classPolicy, sessionActions, type ClassFacts } from './class.js';
import { enrolmentPolicy, type EnrolmentFacts } from './enrolment.js';
import { peopleListPolicy, personPolicy } from './person.js';
import { definePolicy, forbidden, hidden, refuse } from './policy.js';
import { isPolicyRef } from './index.js';

// a province /1/; the school at /1/9/; commune A at /1/2/, commune B at /1/3/
function userOf(role: Role, unitPath: string, personId: number | null = null): AuthUser {
  return {
    id: 1,
    username: role,
    displayName: role,
    role,
    unitId: 1,
    unitName: '',
    unitPath,
    personId,
    locale: 'vi',
    sessionId: 's',
    csrfToken: 'c',
    scope: scopeFor(role, unitPath, personId),
    permissions: ROLE_PERMISSIONS[role],
  };
}
const registrar = userOf('school_registrar', '/1/9/');
const otherSchool = userOf('school_registrar', '/1/8/');
const officerA = userOf('unit_officer', '/1/2/');
const lecturer = userOf('lecturer', '/1/9/');
const learner = userOf('learner', '/1/2/', 42);
const admin = userOf('system_admin', '/1/');

const cls = (over: Partial<ClassFacts> = {}): ClassFacts => ({
  name: 'K1',
  status: 'open',
  endDate: '2027-06-30',
  organiserPath: '/1/9/',
  teaches: false,
  teachesModule: false,
  today: '2027-03-01',
  ...over,
});
const enrolment = (over: Partial<EnrolmentFacts> = {}, classOver: Partial<ClassFacts> = {}): EnrolmentFacts => ({
  personId: 42,
  fullName: 'Nguyễn Thị Bình',
  personUnitPath: '/1/2/',
  status: 'enrolled',
  class: cls(classOver),
  ...over,
});

describe('the class policy', () => {
  const finishedUpdate = refuse('CLASS_FINISHED', 'Lớp K1 đã kết thúc (đã xét tốt nghiệp) nên không sửa được nữa.');
  it.each([
    ['the school edits its class', registrar, cls(), 'update', true],
    ['another school does not see it to edit', otherSchool, cls(), 'update', hidden],
    ['a graduated class is not edited', registrar, cls({ status: 'finished' }), 'update', finishedUpdate],
    ['an agency cannot edit', officerA, cls(), 'update', forbidden()],
    ['an agency nominates into an open class', officerA, cls(), 'nominate', true],
    ['not into a closed one', officerA, cls({ status: 'closed' }), 'nominate', refuse('CLASS_CLOSED', 'Lớp K1 đã khóa danh sách, không nhận thêm người được cử.')],
    [
      'not into one that has ended',
      officerA,
      cls({ endDate: '2027-02-28' }),
      'nominate',
      refuse('CLASS_FINISHED', 'Lớp K1 đã kết thúc (ngày 28/02/2027), không nhận thêm người được cử.'),
    ],
    ['the school does not nominate', registrar, cls(), 'nominate', forbidden()],
    ['a lecturer teaching in the class marks attendance', lecturer, cls({ teaches: true }), 'markAttendance', true],
    ['a lecturer not teaching there does not see it', lecturer, cls(), 'viewAttendance', hidden],
    ['a guest lecturer of sessions only does not grade', lecturer, cls({ teaches: true }), 'viewGrades', hidden],
    ['a module lecturer grades', lecturer, cls({ teaches: true, teachesModule: true }), 'grade', true],
    ['not once graduated', lecturer, cls({ teaches: true, teachesModule: true, status: 'finished' }), 'grade', refuse('CLASS_FINISHED', 'Lớp K1 đã xét tốt nghiệp nên không sửa được điểm nữa.')],
    ['the school graduates', registrar, cls(), 'graduate', true],
    ['once', registrar, cls({ status: 'finished' }), 'graduate', refuse('CLASS_FINISHED', 'Lớp K1 đã được xét tốt nghiệp; không xét lại được.')],
    ['certificates are issued by a certificate manager only', officerA, cls(), 'issueCertificates', forbidden()],
    ['of classes in their subtree', otherSchool, cls(), 'issueCertificates', hidden],
    ['anyone reading classes sees certificates once graduated', officerA, cls({ status: 'finished' }), 'viewCertificates', true],
  ] as const)('%s', (_what, user, facts, action, verdict) => {
    expect(classPolicy.decide(user, facts, action)).toEqual(verdict);
  });

  it('advertises what is allowed, in the vocabulary order', () => {
    expect(classPolicy.allowedActions(registrar, cls({ status: 'finished' }))).toEqual([
      'viewAttendance',
      'viewGrades',
      'viewConductReports',
      'previewGraduation',
      'viewCertificates',
      'issueCertificates',
      'revokeCertificates',
      'printDocuments',
    ]);
    expect(classPolicy.allowedActions(learner, cls())).toEqual([]);
    expect(classListPolicy.allowedActions(registrar, null)).toEqual(['create', 'manageLecturers']);
    expect(classListPolicy.allowedActions(officerA, null)).toEqual([]);
  });

  it('lets the school running the class and the board print its documents; not the agencies, lecturers or another school', () => {
    const board = userOf('province_board', '/1/');
    expect(classPolicy.may(registrar, cls(), 'printDocuments')).toBe(true);
    expect(classPolicy.may(board, cls(), 'printDocuments')).toBe(true);
    expect(classPolicy.may(admin, cls(), 'printDocuments')).toBe(true);
    expect(classPolicy.decide(officerA, cls(), 'printDocuments')).toEqual({ code: 'NOT_FOUND' });
    expect(classPolicy.decide(lecturer, cls({ teaches: true }), 'printDocuments')).toEqual({ code: 'NOT_FOUND' });
    expect(classPolicy.decide(userOf('home_affairs', '/1/'), cls(), 'printDocuments')).toEqual({ code: 'NOT_FOUND' });
    expect(classPolicy.decide(userOf('school_registrar', '/1/5/'), cls(), 'printDocuments')).toEqual({ code: 'NOT_FOUND' });
  });

  it('offers the QR code only on the session date, to whoever may mark', () => {
    expect(sessionActions(lecturer, cls({ teaches: true }), '2027-03-01')).toEqual(['viewAttendance', 'markAttendance', 'showCheckinCode']);
    expect(sessionActions(lecturer, cls({ teaches: true }), '2027-02-27')).toEqual(['viewAttendance', 'markAttendance']);
    expect(sessionActions(registrar, cls({ status: 'finished' }), '2027-03-01')).toEqual(['viewAttendance']);
    expect(sessionActions(officerA, cls(), '2027-03-01')).toEqual([]);
  });
});

describe('the enrolment policy', () => {
  it.each([
    ['the school recalls', registrar, enrolment(), 'recall', true],
    ['the home agency recalls', officerA, enrolment(), 'recall', true],
    ['another agency does not see the learner', officerA, enrolment({ personUnitPath: '/1/3/' }), 'recall', hidden],
    ['a lecturer does not recall', lecturer, enrolment({}, { teaches: true }), 'recall', hidden],
    ['a lecturer records make-up', lecturer, enrolment({}, { teaches: true }), 'makeUp', true],
    ['not for a learner who left', registrar, enrolment({ status: 'withdrawn' }), 'makeUp', refuse('NOT_IN_CLASS', 'Nguyễn Thị Bình không còn học trong lớp K1.')],
    ['not once the class graduated', officerA, enrolment({}, { status: 'finished' }), 'fillConductReport', refuse('CLASS_FINISHED', 'Lớp K1 đã xét tốt nghiệp nên không ghi thêm được thông tin học viên.')],
    ['the school does not fill the agency report', registrar, enrolment(), 'fillConductReport', hidden],
    ['the learner sees their own progress', learner, enrolment(), 'view', true],
    ['not someone else’s', learner, enrolment({ personId: 7 }), 'view', hidden],
    ['the learner checks in', learner, enrolment(), 'checkIn', true],
    ['only a learner checks in', registrar, enrolment(), 'checkIn', forbidden('Chỉ học viên tự điểm danh bằng mã QR (bằng tài khoản học viên của mình).')],
    ['a module lecturer grades the learner', lecturer, enrolment({}, { teaches: true, teachesModule: true }), 'grade', true],
  ] as const)('%s', (_what, user, facts, action, verdict) => {
    expect(enrolmentPolicy.decide(user, facts, action)).toEqual(verdict);
  });

  it('advertises to the learner only what they may do themself', () => {
    expect(enrolmentPolicy.allowedActions(learner, enrolment())).toEqual(['view', 'checkIn']);
    expect(enrolmentPolicy.allowedActions(admin, enrolment())).toEqual(['view', 'recall', 'makeUp', 'fillConductReport', 'grade']);
  });
});

describe('the person policy', () => {
  const an = { personId: 1, unitPath: '/1/2/' };
  const cuong = { personId: 2, unitPath: '/1/3/' };
  it.each([
    ['an officer reads and edits their people', officerA, an, ['view', 'update', 'viewHistory', 'viewTraining']],
    ['and nobody else', officerA, cuong, []],
    ['the school reads without editing', userOf('school_registrar', '/1/'), an, ['view', 'viewTraining']],
    ['a learner reads their own record, read-only', learner, { personId: 42, unitPath: '/1/2/' }, ['view', 'viewTraining']],
    ['and not a colleague’s', learner, an, []],
  ] as const)('%s', (_what, user, facts, actions) => {
    expect(personPolicy.allowedActions(user, facts)).toEqual(actions);
  });
  it('answers out of reach as not found, and an action beyond the role as forbidden', () => {
    expect(personPolicy.decide(officerA, cuong, 'update')).toEqual(hidden);
    expect(personPolicy.decide(learner, { personId: 42, unitPath: '/1/2/' }, 'update')).toEqual(forbidden());
    expect(peopleListPolicy.allowedActions(officerA, null)).toEqual(['create', 'import', 'export']);
    expect(peopleListPolicy.allowedActions(userOf('school_registrar', '/1/'), null)).toEqual(['export']);
  });
});

describe('policy definitions', () => {
  it('throw the refusal as the coded error and name only registered actions', () => {
    const p = definePolicy<{ open: boolean }, 'read' | 'write'>('demo', ['read', 'write'], {
      read: () => true,
      write: (_u, f) => (f.open ? true : refuse('CLASS_CLOSED', 'Đã khóa.')),
    });
    expect(() => p.authorize(registrar, { open: false }, 'write')).toThrow('Đã khóa.');
    expect(() => p.authorize(registrar, { open: true }, 'write')).not.toThrow();
    expect(isPolicyRef('class.update')).toBe(true);
    expect(isPolicyRef('class.fly')).toBe(false);
    expect(isPolicyRef('nothing.update')).toBe(false);
  });
});
