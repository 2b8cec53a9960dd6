import { describe, expect, it } from 'vitest';
import { sessionEvent, sessionUid, vietnamInstant, weekStart, type CalendarSessionFacts } from './calendar.js';

const lesson: CalendarSessionFacts = {
  id: 42,
  classId: 7,
  className: 'Lớp Trung cấp lý luận chính trị hệ tập trung',
  cohortCode: 'K12',
  programmeName: 'Trung cấp lý luận chính trị',
  site: 'Trường Chính trị tỉnh',
  kind: 'lesson',
  moduleName: 'Kinh tế chính trị Mác - Lênin',
  date: '2026-12-07',
  startTime: '07:30',
  endTime: '11:00',
  room: 'Phòng 201',
  onlineLink: null,
  lecturerName: 'Nguyễn Văn Đức',
  lecturerTitle: 'ThS.',
  sequence: 2,
  cancelled: false,
  updatedAt: '2026-12-01T03:04:05.000Z',
};

describe('vietnamInstant', () => {
  it.each([
    ['2026-12-07', '07:30', '2026-12-07T00:30:00Z'],
    ['2026-12-07', '06:59', '2026-12-06T23:59:00Z'],
    ['2027-01-01', '00:00', '2026-12-31T17:00:00Z'],
    ['2026-07-01', '13:30', '2026-07-01T06:30:00Z'],
  ])('%s %s (Vietnam) is %s', (date, time, utc) => expect(vietnamInstant(date, time)).toBe(utc));
});

describe('weekStart', () => {
  it.each([
    ['2026-12-07', '2026-12-07'], // Monday
    ['2026-12-13', '2026-12-07'], // Sunday
    ['2026-12-09', '2026-12-07'],
    ['2027-01-01', '2026-12-28'],
  ])('the week of %s starts on %s', (date, monday) => expect(weekStart(date)).toBe(monday));
});

describe('sessionEvent', () => {
  it.each([
    [
      'a lesson',
      lesson,
      'vi',
      {
        uid: 'class-session-42@nang-tam',
        sequence: 2,
        start: '2026-12-07T00:30:00Z',
        end: '2026-12-07T04:00:00Z',
        summary: 'Kinh tế chính trị Mác - Lênin – Lớp Trung cấp lý luận chính trị hệ tập trung',
        location: 'Phòng 201, Trường Chính trị tỉnh',
        url: null,
        status: 'CONFIRMED',
        lastModified: '2026-12-01T03:04:05.000Z',
      },
    ],
    [
      'a cancelled online exam',
      { ...lesson, kind: 'exam', moduleName: null, room: null, onlineLink: 'https://meet.example.vn/k12', cancelled: true, sequence: 3 },
      'vi',
      {
        uid: 'class-session-42@nang-tam',
        sequence: 3,
        summary: '[ĐÃ HỦY] Thi, kiểm tra – Lớp Trung cấp lý luận chính trị hệ tập trung',
        location: 'Học trực tuyến',
        url: 'https://meet.example.vn/k12',
        status: 'CANCELLED',
      },
    ],
    [
      'a field trip in English',
      { ...lesson, kind: 'field_trip', moduleName: null, lecturerName: null },
      'en',
      { summary: 'Field trip – Lớp Trung cấp lý luận chính trị hệ tập trung', status: 'CONFIRMED' },
    ],
  ] as const)('%s', (_name, facts, locale, expected) => {
    expect(sessionEvent(facts, locale)).toMatchObject(expected);
  });

  it('describes the programme, class, module, kind and lecturer, one per line', () => {
    expect(sessionEvent(lesson).description).toBe(
      [
        'Chương trình: Trung cấp lý luận chính trị',
        'Lớp: Lớp Trung cấp lý luận chính trị hệ tập trung (khóa K12)',
        'Học phần: Kinh tế chính trị Mác - Lênin',
        'Loại buổi: Lên lớp',
        'Giảng viên: ThS. Nguyễn Văn Đức',
      ].join('\n'),
    );
    expect(sessionEvent({ ...lesson, lecturerName: null, moduleName: null, onlineLink: 'https://x.vn/a' }, 'en').description).toBe(
      [
        'Programme: Trung cấp lý luận chính trị',
        'Class: Lớp Trung cấp lý luận chính trị hệ tập trung (cohort K12)',
        'Kind: Lesson',
        'Online: https://x.vn/a',
      ].join('\n'),
    );
  });

  it('keeps the UID of a session whatever changes', () => {
    const moved = sessionEvent({ ...lesson, date: '2026-12-08', room: 'Hội trường', sequence: 3 });
    expect(moved.uid).toBe(sessionEvent(lesson).uid);
    expect(sessionUid(43)).not.toBe(sessionUid(42));
  });
});
