import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('NangTam@2025');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('NangTam@2025', stored)).toBe(true);
    expect(await verifyPassword('nangtam@2025', stored)).toBe(false);
    expect(await verifyPassword('NangTam@2025', 'not-a-hash')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('passwordProblem', () => {
  it.each([
    ['Quantri2026', null],
    ['Đàotạo2026', null],
    ['short1', 'Mật khẩu phải có ít nhất 10 ký tự.'],
    ['onlyletters', 'Mật khẩu phải có cả chữ và số.'],
    ['1234567890', 'Mật khẩu phải có cả chữ và số.'],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
