import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('danh-sach-can-bo-2026-11-23.xlsx')).toBe(
      `attachment; filename="danh-sach-can-bo-2026-11-23.xlsx"; filename*=UTF-8''danh-sach-can-bo-2026-11-23.xlsx`,
    );
    expect(contentDisposition('Danh sách "Đảng viên" (1).xlsx')).toBe(
      `attachment; filename="Danh sach _Dang vien_ (1).xlsx"; filename*=UTF-8''Danh%20s%C3%A1ch%20%22%C4%90%E1%BA%A3ng%20vi%C3%AAn%22%20%281%29.xlsx`,
    );
  });
});
