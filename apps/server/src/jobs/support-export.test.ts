import { describe, expect, it } from 'vitest';
import type { SupportList, SupportRow } from '@nang-tam/contracts';
import { supportListDocument } from './support-export.job.js';

const row = (id: number, name: string, items: SupportRow['items'], paid: number, covered = true): SupportRow => {
  const owed = items.reduce((s, i) => s + i.amount, 0);
  return {
    person: { id, fullName: name, birthDate: '1985-01-01', gender: 'female', ethnicMinority: false, category: 'cong_chuc', unit: { id: 1, name: 'Xã A' } },
    course: { kind: 'class', id: 9, name: 'Lớp K1', programme: { code: 'TC_LLCT', name: 'Trung cấp' }, mode: 'full_time', place: 'in_province', organiser: 'Trường', startDate: '2026-03-02', endDate: '2026-03-11', studyDays: 10, daysBasis: 'x' },
    covered,
    policy: covered ? { id: 'P', version: 2, name: 'Chính sách', sourceCode: '09/2023/NQ-HĐND', verified: false } : null,
    items,
    owed,
    paid,
    remaining: owed - paid,
    explanation: '',
    actions: [],
  };
};

const list: SupportList = {
  kind: 'class',
  classId: 9,
  decisionNo: null,
  title: 'Danh sách chi trả hỗ trợ học viên lớp Lớp K1',
  asOf: '2026-03-20',
  rows: [
    row(1, 'Nguyễn Thị A', [
      { code: 'daily', amount: 500_000, explanation: '' },
      { code: 'women', amount: 100_000, explanation: '' },
      { code: 'cap_course', amount: -50_000, explanation: '' },
    ], 200_000),
    row(2, 'Trần Văn B', [], 0, false),
  ],
  totals: { owed: 550_000, paid: 200_000, remaining: 350_000, items: { daily: 500_000, women: 100_000, cap_course: -50_000 } },
  payments: [],
  rounding: 'Làm tròn đến đồng.',
  actions: ['export'],
};

describe('the payment list as an official document', () => {
  const doc = supportListDocument(list, { issuer: ['UBND TỈNH X', 'SỞ NỘI VỤ'], place: 'X' }, 'Người lập');
  it('has one column per item present, the cap, the totals and a signature column', () => {
    expect(doc.title).toBe('DANH SÁCH CHI TRẢ HỖ TRỢ HỌC VIÊN');
    expect(doc.columns.map((c) => c.key)).toEqual(['no', 'name', 'unit', 'days', 'daily', 'women', 'cap', 'owed', 'paid', 'remaining', 'sign']);
    expect(doc.columns.at(-1)!.header).toBe('Ký nhận');
    expect(doc.totals).toMatchObject({ daily: 500_000, women: 100_000, cap: -50_000, owed: 550_000, paid: 200_000, remaining: 350_000 });
  });
  it('rows carry each amount; a learner not covered shows zero and a note says why', () => {
    const rows = doc.rows as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ no: 1, name: 'Nguyễn Thị A', daily: 500_000, women: 100_000, cap: -50_000, owed: 550_000, remaining: 350_000 });
    expect(rows[1]).toMatchObject({ owed: 0, daily: null });
    expect(doc.notes).toContain('Căn cứ: Chính sách (09/2023/NQ-HĐND, phiên bản 2) — mức hỗ trợ chưa đối chiếu với văn bản gốc.');
    expect(doc.notes!.some((n) => n.includes('không thuộc diện'))).toBe(true);
    expect(doc.preparedBy).toEqual({ role: 'NGƯỜI LẬP BIỂU', name: 'Người lập' });
  });
});
