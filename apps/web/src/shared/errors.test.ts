import type { FormInstance } from 'antd';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES } from '../api/client';
import { loadLocale } from '../i18n';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from './errors';
import { applyServerErrors } from './form-errors';

// English is loaded on demand (docs/decisions/0044)
beforeAll(() => loadLocale('en'));

describe('the message a user reads for an error', () => {
  it.each([
    [
      'no network',
      new ApiError(0, CLIENT_ERROR_CODES.NETWORK, ''),
      'vi',
      'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.',
    ],
    [
      'no network, in English',
      new ApiError(0, CLIENT_ERROR_CODES.NETWORK, ''),
      'en',
      'Cannot reach the server. Check the network and try again.',
    ],
    [
      'an answer not in our shape',
      new ApiError(404, CLIENT_ERROR_CODES.BAD_RESPONSE, ''),
      'vi',
      'Máy chủ trả lời không đúng định dạng. Vui lòng thử lại sau.',
    ],
    [
      'the server’s own Vietnamese message',
      new ApiError(404, 'NOT_FOUND', 'Không tìm thấy cán bộ này.'),
      'vi',
      'Không tìm thấy cán bộ này.',
    ],
    ['a known code, in English', new ApiError(404, 'NOT_FOUND', 'Không tìm thấy cán bộ này.'), 'en', 'Not found.'],
    ['a known code without a message', new ApiError(403, 'FORBIDDEN', ''), 'vi', 'Bạn không có quyền thực hiện thao tác này.'],
    ['an unknown code without a message', new ApiError(500, 'SOMETHING_NEW', ''), 'vi', 'Đã có lỗi xảy ra. Vui lòng thử lại.'],
    ['an unknown code, in English, with a Vietnamese message', new ApiError(418, 'TEAPOT', 'Ấm trà'), 'en', 'Ấm trà'],
    ['anything else thrown', new TypeError('x is undefined'), 'vi', 'Đã có lỗi xảy ra. Vui lòng thử lại.'],
  ] as const)('%s', (_what, err, locale, message) => {
    expect(errorMessage(err, locale)).toBe(message);
  });

  it.each([
    [{ path: 'fullName', code: 'REQUIRED', message: 'Họ và tên là bắt buộc.' }, 'vi', 'Họ và tên là bắt buộc.'],
    [{ path: 'fullName', code: 'REQUIRED', message: 'Họ và tên là bắt buộc.' }, 'en', 'Required.'],
    [{ path: 'fullName', code: 'REQUIRED', message: '' }, 'vi', 'Bắt buộc nhập.'],
    [{ path: 'x', code: 'SOMETHING_NEW', message: '' }, 'vi', 'SOMETHING_NEW'],
  ] as const)('a field problem %j in %s reads %s', (detail, locale, message) => {
    expect(fieldErrorMessage(detail, locale)).toBe(message);
  });

  it('knows which errors name fields', () => {
    expect(hasFieldDetails(new ApiError(400, 'VALIDATION_FAILED', '', [{ path: 'email', code: 'INVALID', message: '' }]))).toBe(true);
    expect(hasFieldDetails(new ApiError(400, 'VALIDATION_FAILED', ''))).toBe(false);
    expect(hasFieldDetails(new Error('x'))).toBe(false);
  });
});

describe('server errors under the fields of a form', () => {
  const fakeForm = () => {
    const set: { name: unknown; errors: string[] }[] = [];
    const scrolled: unknown[] = [];
    const form = {
      setFields: (f: { name: unknown; errors: string[] }[]) => set.push(...f),
      scrollToField: (name: unknown) => scrolled.push(name),
    } as unknown as FormInstance;
    return { form, set, scrolled };
  };

  it('puts each field’s problems under it, scrolls to the first, and returns the rest for above the form', () => {
    const { form, set, scrolled } = fakeForm();
    const err = new ApiError(409, 'DUPLICATE', 'Đã có', [
      { path: 'citizenId', code: 'DUPLICATE', message: 'Số định danh đã có.' },
      { path: 'birthDate', code: 'REQUIRED', message: 'Bắt buộc nhập.' },
      { path: 'citizenId.0', code: 'TOO_LONG', message: 'Quá dài.' },
      { path: 'unitId', code: 'OUT_OF_SCOPE', message: 'Ngoài phạm vi.' },
    ]);
    const rest = applyServerErrors(form, err, ['fullName', 'citizenId', 'birthDate'], 'vi');
    expect(set).toEqual([
      { name: 'citizenId', errors: ['Số định danh đã có.', 'Quá dài.'] },
      { name: 'birthDate', errors: ['Bắt buộc nhập.'] },
    ]);
    expect(scrolled).toEqual(['citizenId']);
    expect(rest.map((d) => d.path)).toEqual(['unitId']);
  });

  it('leaves the form alone when the error names no field', () => {
    const { form, set, scrolled } = fakeForm();
    expect(applyServerErrors(form, new ApiError(500, 'INTERNAL', ''), ['fullName'], 'vi')).toEqual([]);
    expect([set, scrolled]).toEqual([[], []]);
  });
});
