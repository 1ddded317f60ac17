import { describe, expect, it } from 'vitest'
import {
  cstParts,
  formatCstClock,
  formatCstDate,
  formatCstListTime,
  formatCstLastTime,
  parseInstant,
  toCstInputValue,
  fromCstInputValue,
  formatCstDateTime,
  cstPeriodKeys,
  cstDayNumber,
} from './cst'

describe('cstParts', () => {
  it.each([
    // instant (UTC)                 CST wall clock
    ['2026-03-31T23:00:00.000Z', { year: 2026, month: 4, day: 1, hour: 7, minute: 0, second: 0, weekday: 3 }],
    ['2026-11-25T15:59:59.000Z', { year: 2026, month: 11, day: 25, hour: 23, minute: 59, second: 59, weekday: 3 }],
    ['2026-11-25T16:00:00.000Z', { year: 2026, month: 11, day: 26, hour: 0, minute: 0, second: 0, weekday: 4 }],
    ['2026-12-31T16:00:00.000Z', { year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 5 }],
  ])('%s is %o in China', (iso, expected) => {
    expect(cstParts(Date.parse(iso))).toEqual(expected)
  })
})

describe('cstDayNumber', () => {
  it('turns exactly at midnight in China, not at UTC midnight', () => {
    const midnight = Date.parse('2026-11-25T16:00:00.000Z') // 2026-11-26 00:00:00 +08:00
    expect(cstDayNumber(midnight) - cstDayNumber(midnight - 1)).toBe(1)
    expect(cstDayNumber(midnight - 1)).toBe(cstDayNumber(Date.parse('2026-11-25T00:00:00+08:00')))
    expect(cstDayNumber(midnight)).toBe(cstDayNumber(Date.parse('2026-11-26T23:59:59.999+08:00')))
    // UTC midnight is 08:00 in China: the same CST day on both sides
    expect(cstDayNumber(Date.parse('2026-11-26T00:00:00.000Z'))).toBe(cstDayNumber(Date.parse('2026-11-25T23:59:59.999Z')))
  })

  it.each([
    '2026-01-01T00:00:00+08:00',
    '2026-03-31T23:59:59+08:00',
    '2026-04-01T00:00:00+08:00',
    '2028-02-29T12:00:00+08:00',
    '1970-01-01T00:00:00+08:00',
    '2026-12-31T23:59:59+08:00',
  ])('agrees with the calendar day at %s', (iso) => {
    const ms = Date.parse(iso)
    const p = cstParts(ms)
    expect(cstDayNumber(ms)).toBe(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000)
  })
})

describe('formatting', () => {
  const t = Date.parse('2026-11-25T06:05:09.000Z')

  it('formats the clock in CST regardless of offset in the input string', () => {
    expect(formatCstClock(t)).toBe('14:05:09')
    expect(formatCstLastTime('2026-11-25T14:05:09+08:00', t)).toBe('14:05:09')
    expect(formatCstLastTime(null, t)).toBeNull()
  })

  it('writes the date in Chinese with the CST weekday', () => {
    expect(formatCstDate(t, 'zh-CN')).toBe('2026年11月25日 星期三')
    // 00:30 CST on the 26th is still the 25th in UTC
    expect(formatCstDate(Date.parse('2026-11-25T16:30:00Z'), 'zh-CN')).toBe('2026年11月26日 星期四')
  })

  it('shows HH:mm for today and MM-DD HH:mm for older entries (by the CST day)', () => {
    expect(formatCstListTime('2026-11-25T00:10:00Z', t)).toBe('08:10')
    expect(formatCstListTime('2026-11-24T15:59:00Z', t)).toBe('11-24 23:59')
    expect(formatCstListTime('2026-11-24T16:00:00Z', t)).toBe('00:00')
    expect(formatCstListTime('garbage', t)).toBe('--:--')
  })

  it('shows the last event as HH:mm:ss today and MM-DD HH:mm before (by the CST day)', () => {
    expect(formatCstLastTime('2026-11-25T06:05:00Z', t)).toBe('14:05:00')
    expect(formatCstLastTime('2026-11-24T16:00:00Z', t)).toBe('00:00:00')
    expect(formatCstLastTime('2026-11-24T15:59:59Z', t)).toBe('11-24 23:59')
    // just after midnight CST, an event five minutes earlier is yesterday's
    expect(formatCstLastTime('2026-11-25T15:55:00Z', Date.parse('2026-11-25T16:00:00Z'))).toBe('11-25 23:55')
    expect(formatCstLastTime(null, t)).toBeNull()
    expect(formatCstLastTime('nope', t)).toBeNull()
  })

  it('parses ISO instants', () => {
    expect(parseInstant('2026-11-25T08:00:00.000Z')).toBe(Date.parse('2026-11-25T08:00:00.000Z'))
    expect(parseInstant('')).toBeNull()
    expect(parseInstant('nope')).toBeNull()
  })
})

describe('datetime-local in CST', () => {
  it('writes and reads China wall-clock time whatever the PC zone (tests run in Los Angeles)', () => {
    const at = Date.parse('2026-11-25T23:59:00Z') // 07:59 on the 26th in China
    expect(toCstInputValue(at)).toBe('2026-11-26T07:59')
    expect(fromCstInputValue('2026-11-26T07:59')).toBe(at)
    expect(fromCstInputValue('2026-11-26T07:59:30')).toBe(at + 30_000)
    expect(fromCstInputValue('26/11/2026')).toBeNull()
  })

  it('formats date-times and period keys by the CST calendar', () => {
    expect(formatCstDateTime('2026-03-31T23:00:00Z')).toBe('04-01 07:00')
    expect(formatCstDateTime('2026-03-31T23:00:00Z', true)).toBe('2026-04-01 07:00')
    expect(formatCstDateTime(null)).toBe('—')
    expect(cstPeriodKeys(Date.parse('2026-03-31T23:00:00Z'))).toEqual({ day: '2026-04-01', month: '2026-04', quarter: '2026-Q2', year: '2026' })
  })
})
