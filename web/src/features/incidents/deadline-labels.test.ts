import { describe, expect, it } from 'vitest'
import { en } from '../../i18n/en'
import { zhCN } from '../../i18n/zh-CN'
import { deadlineLineLabel, formatSpan, spansOf } from './deadline-labels'

describe('deadline spans', () => {
  it('says the configured lines in Chinese', () => {
    expect(formatSpan(7200, zhCN)).toBe('2小时')
    expect(formatSpan(36000, zhCN)).toBe('10小时')
    expect(formatSpan(5400, zhCN)).toBe('1小时30分')
    expect(formatSpan(900, zhCN)).toBe('15分钟')
    expect(formatSpan(90, zhCN)).toBe('1分30秒')
    expect(formatSpan(8, zhCN)).toBe('8秒')
  })
  it('and in English', () => {
    expect(formatSpan(3600, en)).toBe('1 hour')
    expect(formatSpan(36000, en)).toBe('10 hours')
    expect(formatSpan(8, en)).toBe('8 s')
  })
  it('feeds the labels', () => {
    const d = spansOf({ lateAfterSec: 8, concealedAfterSec: 20 }, zhCN)
    expect(zhCN.incident.measure.untilLate(d)).toBe('距8秒报送时限')
    expect(zhCN.incident.alertReason.CONCEALED(d)).toBe('已超20秒 · 漏报/瞒报')
    expect(zhCN.incident.measure.untilLate(spansOf({ lateAfterSec: 7200, concealedAfterSec: 36000 }, zhCN))).toBe('距2小时报送时限')
  })
  it('names each crossed line of the timeline apart: the two warnings say how long was left', () => {
    const d = spansOf({ lateAfterSec: 7200, concealedAfterSec: 36000 }, zhCN)
    expect(deadlineLineLabel('warn-1800', d, zhCN)).toBe('距2小时报送时限还有30分钟')
    expect(deadlineLineLabel('warn-600', d, zhCN)).toBe('距2小时报送时限还有10分钟')
    expect(deadlineLineLabel('late', d, zhCN)).toBe('2小时报送时限（迟报）')
    expect(deadlineLineLabel('concealed', d, zhCN)).toBe('10小时时限（漏报/瞒报）')
    expect(deadlineLineLabel('followup-1', d, zhCN)).toBe('第1次续报时限')
    expect(deadlineLineLabel('followup-3', d, zhCN)).toBe('第3次续报时限')
    expect(deadlineLineLabel('warn-1800', spansOf({ lateAfterSec: 7200, concealedAfterSec: 36000 }, en), en)).toBe('30 min to the 2 hours line')
    // a name this page does not know yet is shown as it is, not as another line
    expect(deadlineLineLabel('warn-x', d, zhCN)).toBe('warn-x')
    expect(deadlineLineLabel('escalate', d, zhCN)).toBe('escalate')
  })
})
