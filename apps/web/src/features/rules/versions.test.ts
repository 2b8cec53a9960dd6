import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import {
  clearErrors,
  fieldForPath,
  metaFromVersion,
  pathSegments,
  placeServerErrors,
  summaryOf,
  versionBody,
  versionedState,
  type Segment,
  type VersionLike,
} from './versions';

const version = (n: number, from: string, to: string | null, over: Partial<VersionLike> = {}): VersionLike => ({
  version: n,
  description: `Phiên bản ${n}`,
  source: { code: `QĐ ${n}`, title: 'Quy định', issuer: 'Tỉnh ủy', issuedOn: '2025-01-02', article: 'Điều 5' },
  period: { from, to },
  corrects: null,
  supersededBy: null,
  note: null,
  createdBy: 'admin',
  createdAt: '2025-01-03T08:00:00Z',
  active: true,
  inForce: false,
  ...over,
});

describe('a rule or standard on a date', () => {
  const v1 = version(1, '2025-01-01', '2025-12-31');
  const v2 = version(2, '2026-01-01', null);
  it.each([
    ['in force: the version of the day, and the change entered for later', { current: v1, versions: [v1, v2] }, 'in_force', 1, 2],
    ['in force with no later change', { current: v1, versions: [v1] }, 'in_force', 1, undefined],
    ['entered to start later', { current: null, versions: [v2] }, 'future', 2, undefined],
    ['no longer in force: the newest version shown', { current: null, versions: [v1] }, 'ended', 1, undefined],
    [
      'a later version withdrawn does not count',
      { current: null, versions: [v1, version(2, '2026-01-01', null, { active: false })] },
      'ended',
      2,
      undefined,
    ],
  ])('%s', (_what, item, state, shown, next) => {
    expect(versionedState(item, '2025-06-01')).toBe(state);
    const s = summaryOf(item, '2025-06-01');
    expect([s.state, s.shown?.version, s.next?.version]).toEqual([state, shown, next]);
  });
});

describe('the version form', () => {
  const v = version(3, '2025-07-01', '2026-06-30');

  it('starts a change from the latest version’s document, with an empty period', () => {
    const m = metaFromVersion(v);
    expect(m.mode).toBe('change');
    expect(m.corrects).toBeNull();
    expect(m.source.code).toBe('QĐ 3');
    expect(m.source.issuedOn?.format('YYYY-MM-DD')).toBe('2025-01-02');
    expect(m.period).toEqual({ from: null, to: null });
  });

  it('starts a correction on the corrected version, with its period', () => {
    const m = metaFromVersion(v, 'correct');
    expect(m.corrects).toBe(3);
    expect(m.period.from?.format('YYYY-MM-DD')).toBe('2025-07-01');
    expect(m.period.to?.format('YYYY-MM-DD')).toBe('2026-06-30');
  });

  it('starts empty for a new rule', () => {
    expect(metaFromVersion(undefined)).toMatchObject({ mode: 'change', description: '', source: { code: '', issuedOn: null }, note: '' });
  });

  it('sends the fields trimmed, an open period as null, and the version it was based on', () => {
    const body = versionBody(
      {
        mode: 'change',
        description: '  Sửa tuổi  ',
        source: { code: ' QĐ 9 ', title: ' Quy định ', issuer: ' Tỉnh ủy ', issuedOn: dayjs('2026-01-05'), article: '  ' },
        period: { from: dayjs('2026-02-01'), to: null },
        note: '   ',
      },
      3,
    );
    expect(body).toEqual({
      description: 'Sửa tuổi',
      source: { code: 'QĐ 9', title: 'Quy định', issuer: 'Tỉnh ủy', issuedOn: '2026-01-05' },
      period: { from: '2026-02-01', to: null },
      note: null,
      baseVersion: 3,
    });
  });

  it('sends which version a correction corrects, and the article when given', () => {
    const body = versionBody({ ...metaFromVersion(v, 'correct'), note: 'Sai số liệu' }, 3);
    expect(body).toMatchObject({
      corrects: 3,
      note: 'Sai số liệu',
      source: { article: 'Điều 5' },
      period: { from: '2025-07-01', to: '2026-06-30' },
    });
  });
});

describe('server errors at the form field their path names', () => {
  it.each([
    ['params.anyOf[1].rankCodes[0]', ['params', 'anyOf', 1, 'rankCodes', 0]],
    ['params.anyOf.1.rankCodes.0', ['params', 'anyOf', 1, 'rankCodes', 0]],
    ['period.from', ['period', 'from']],
    ['', []],
  ])('%s is %j', (path, segments) => {
    expect(pathSegments(path)).toEqual(segments);
  });

  const fields: Segment[][] = [
    ['description'],
    ['period', 'from'],
    ['period', 'to'],
    ['params', 'titleCodes'],
    ['params', 'anyOf', 0, 'categories'],
    ['params', 'anyOf', 1, 'rankCodes'],
  ];
  it.each<[string, Segment[] | null]>([
    ['description', ['description']],
    ['period', ['period', 'from']],
    ['params', ['params', 'titleCodes']],
    ['params.anyOf[1]', ['params', 'anyOf', 1, 'rankCodes']],
    ['params.titleCodes[2]', ['params', 'titleCodes']],
    ['params.anyOf[1].rankCodes[0]', ['params', 'anyOf', 1, 'rankCodes']],
    ['baseVersion', null],
    ['', null],
  ])('%s → %j', (path, field) => {
    expect(fieldForPath(fields, path)).toEqual(field);
  });

  /** The bits of antd's form that the helpers use, recording what they do. */
  const fakeForm = (names: Segment[][]) => {
    const set: { name: unknown; errors: string[] }[] = [];
    const scrolled: unknown[] = [];
    const form = {
      getFieldsError: () => names.map((name) => ({ name, errors: ['old'], warnings: [] })),
      setFields: (f: { name: unknown; errors: string[] }[]) => set.push(...f),
      scrollToField: (name: unknown) => scrolled.push(name),
    } as unknown as FormInstance;
    return { form, set, scrolled };
  };

  it('puts each problem under its field once, scrolls to the first, and returns those of no field', () => {
    const { form, set, scrolled } = fakeForm(fields);
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', [
      { path: 'period.from', code: 'REQUIRED', message: 'Bắt buộc nhập' },
      { path: 'period', code: 'REQUIRED', message: 'Bắt buộc nhập' },
      { path: 'params.anyOf[1].rankCodes[0]', code: 'UNKNOWN_CODE', message: 'Mã không có trong danh mục' },
      { path: 'baseVersion', code: 'STALE', message: 'Đã có phiên bản mới hơn' },
    ]);
    const rest = placeServerErrors(form, err, 'vi');
    expect(set).toEqual([
      { name: ['period', 'from'], errors: ['Bắt buộc nhập'] },
      { name: ['params', 'anyOf', 1, 'rankCodes'], errors: ['Mã không có trong danh mục'] },
    ]);
    expect(scrolled).toEqual([['period', 'from']]);
    expect(rest.map((d) => d.path)).toEqual(['baseVersion']);
  });

  it('leaves the form alone for an error without field details', () => {
    const { form, set } = fakeForm(fields);
    expect(placeServerErrors(form, new ApiError(409, 'CONFLICT', 'Xung đột'), 'vi')).toEqual([]);
    expect(placeServerErrors(form, new Error('boom'), 'vi')).toEqual([]);
    expect(set).toEqual([]);
  });

  it('clears every field’s error', () => {
    const { form, set } = fakeForm([['description'], ['period', 'from']]);
    clearErrors(form);
    expect(set).toEqual([
      { name: ['description'], errors: [] },
      { name: ['period', 'from'], errors: [] },
    ]);
  });
});
