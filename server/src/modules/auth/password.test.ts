import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password.js';

describe('passwordProblem', () => {
  it('wants at least 10 characters', () => {
    expect(passwordProblem('abcdefgh1')).toBe('密码至少 10 位');
    expect(passwordProblem('abcdefgh12')).toBeNull();
  });
  it('wants letters and digits both', () => {
    expect(passwordProblem('abcdefghij')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('1234567890')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('密码密码密码密码密码1')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('Z123456789')).toBeNull();
  });
  it('takes up to 128 characters', () => {
    expect(passwordProblem('a1'.repeat(64))).toBeNull();
    expect(passwordProblem('a1'.repeat(64) + 'x')).toBe('密码不能超过 128 位');
  });
});
