import { describe, expect, it } from 'vitest';
import type { training } from '@nang-tam/domain';
import { renderIcs } from './ics.js';

const event: training.CalendarEvent = {
  uid: 'class-session-7@nang-tam',
  sequence: 3,
  start: '2026-12-07T00:30:00Z',
  end: '2026-12-07T04:00:00Z',
  summary: 'Học phần 1',
  description: 'Chương trình: Trung cấp',
  location: 'Phòng 201, Trường Chính trị tỉnh',
  url: null,
  status: 'CONFIRMED',
  lastModified: '2026-12-01T03:04:05.000Z',
};
const now = new Date('2026-12-07T01:02:03Z');

/** Content lines with folding undone (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const prop = (ics: string, name: string) => unfold(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe('renderIcs', () => {
  it('writes a calendar of CRLF lines, the last one included, with the event’s UID, SEQUENCE, times in UTC and status', () => {
    const ics = renderIcs({
      name: 'Lịch giảng – Trần Văn Giảng',
      now,
      events: [event, { ...event, uid: 'class-session-8@nang-tam', status: 'CANCELLED', sequence: 1 }],
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics);
    expect(lines).toContain('X-WR-CALNAME:Lịch giảng – Trần Văn Giảng');
    expect(lines).toContain('X-WR-TIMEZONE:Asia/Ho_Chi_Minh');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    const first = lines.slice(lines.indexOf('UID:class-session-7@nang-tam'));
    expect(first.slice(0, first.indexOf('END:VEVENT'))).toEqual(
      expect.arrayContaining([
        'SEQUENCE:3',
        'DTSTAMP:20261207T010203Z',
        'DTSTART:20261207T003000Z',
        'DTEND:20261207T040000Z',
        'STATUS:CONFIRMED',
        'LAST-MODIFIED:20261201T030405Z',
      ]),
    );
    const second = lines.slice(lines.indexOf('UID:class-session-8@nang-tam'));
    expect(second.slice(0, second.indexOf('END:VEVENT'))).toEqual(expect.arrayContaining(['SEQUENCE:1', 'STATUS:CANCELLED']));
  });

  it.each([
    ['a comma and a semicolon', 'Phòng 201, tầng 2; nhà A', 'Phòng 201\\, tầng 2\\; nhà A'],
    ['a backslash', 'C:\\lop\\k12', 'C:\\\\lop\\\\k12'],
    ['a new line', 'Dòng một\nDòng hai', 'Dòng một\\nDòng hai'],
  ])('escapes %s in text values', (_name, text, escaped) => {
    const ics = renderIcs({ name: 'Lịch', now, events: [{ ...event, location: text }] });
    expect(prop(ics, 'LOCATION')).toBe(`LOCATION:${escaped}`);
  });

  it.each([
    ['Vietnamese (2-3 octets a letter)', 'Kinh tế chính trị Mác - Lênin; những vấn đề cơ bản về Đảng Cộng sản Việt Nam, '.repeat(4)],
    ['4-octet characters', '📅 Lịch học 🎓 '.repeat(20)],
    ['plain ASCII', 'Lesson '.repeat(40)],
  ])('folds lines of %s at 75 octets without splitting a character', (_name, summary) => {
    const ics = renderIcs({ name: 'Lịch', now, events: [{ ...event, summary }] });
    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      // a split character would not survive the round trip through UTF-8
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
      expect(line).not.toContain('\uFFFD');
    }
    const unfolded = prop(ics, 'SUMMARY')!;
    expect(unfolded.replace(/\\([,;\\])/g, '$1')).toBe(`SUMMARY:${summary}`);
  });
});
