import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client.ts';
import { errorMessage, fieldMessage } from './errors.ts';
import { format } from './i18n/index.tsx';
import { zhCN, type MessageKey } from './i18n/zh-CN.ts';

const t = (key: MessageKey, vars?: Record<string, string | number>) => format(zhCN[key], vars);

describe('errors in plain Chinese', () => {
  it('says login failures as people expect them', () => {
    expect(errorMessage(t, new ApiError(401, 'invalid_credentials', 'wrong login or password'))).toBe('用户名或密码错误');
    expect(errorMessage(t, new ApiError(429, 'too_many_attempts', 'too many failed attempts'))).toBe('登录失败次数过多，请稍后再试');
    expect(errorMessage(t, new ApiError(0, 'network', 'network error'))).toBe('无法连接服务器，请检查网络后重试');
    expect(errorMessage(t, new Error('boom'))).toBe('操作失败，请稍后再试');
  });
  it('says until when a locked login must wait', () => {
    const e = new ApiError(429, 'too_many_attempts', 'too many', [], { retryAfter: '2026-11-27T06:30:00.000Z' });
    expect(errorMessage(t, e)).toMatch(/^登录失败次数过多，请在 \d\d:\d\d 后再试$/);
  });
  it('maps the server field messages', () => {
    expect(fieldMessage(t, { field: 'body.name', message: 'required' }, '名称')).toBe('请填写名称');
    expect(fieldMessage(t, { field: 'body.phone', message: 'not a valid mobile number' })).toBe('请输入正确的11位手机号');
    expect(fieldMessage(t, { field: 'body.name', message: 'at most 64 characters' })).toBe('不能超过64个字');
    expect(fieldMessage(t, { field: 'body.currentPassword', message: 'wrong password' })).toBe('当前密码不正确');
    expect(fieldMessage(t, { field: 'body.x', message: 'something new' })).toBe('填写的内容格式不对');
  });
  it('names the count of children to archive first', () => {
    expect(errorMessage(t, new ApiError(409, 'precondition_failed', 'archive its 3 child nodes first'))).toBe(
      '请先归档它下面的 3 个下级组织',
    );
  });
});
