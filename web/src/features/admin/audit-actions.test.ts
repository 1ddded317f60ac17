import { describe, expect, it } from 'vitest'
import { zhCN } from '../../i18n/zh-CN'
import { auditActionGroups } from './audit-actions'

describe('auditActionGroups', () => {
  it('groups the actions by their first part, in the order listed', () => {
    const groups = auditActionGroups(
      { 'auth.sign_in': '登录', 'item.submit': '报送信息', 'auth.sign_out': '退出登录', 'item.review.adopt': '审核：采用' },
      { auth: '登录与会话', item: '信息报送与审核' },
    )
    expect(groups).toEqual([
      { prefix: 'auth.', label: '登录与会话', actions: [{ code: 'auth.sign_in', label: '登录' }, { code: 'auth.sign_out', label: '退出登录' }] },
      { prefix: 'item.', label: '信息报送与审核', actions: [{ code: 'item.submit', label: '报送信息' }, { code: 'item.review.adopt', label: '审核：采用' }] },
    ])
  })

  it('shows the prefix of a group it has no name for', () => {
    expect(auditActionGroups({ 'backup.run': '备份' }, {})).toEqual([{ prefix: 'backup.', label: 'backup.', actions: [{ code: 'backup.run', label: '备份' }] }])
  })

  it('names every group of the actions the interface lists', () => {
    const groups = auditActionGroups(zhCN.admin.audit.actions, zhCN.admin.audit.actionGroups)
    expect(groups.filter((g) => g.label === g.prefix)).toEqual([])
    expect(groups.flatMap((g) => g.actions).length).toBe(Object.keys(zhCN.admin.audit.actions).length)
  })
})
