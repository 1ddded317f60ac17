import { describe, expect, it } from 'vitest'
import { mergeTickerItems } from './ticker-merge'

const item = (id: string, minute: number, status = 'SUBMITTED') => ({
  id,
  status,
  submittedAt: `2026-11-25T08:${String(minute).padStart(2, '0')}:00.000Z`,
})
const ids = (list: Array<{ id: string }>) => list.map((i) => i.id)

describe('mergeTickerItems', () => {
  const snapshot = [item('c', 30), item('b', 20), item('a', 10)]

  it('puts a new item on top', () => {
    expect(ids(mergeTickerItems(snapshot, [item('d', 40)]))).toEqual(['d', 'c', 'b', 'a'])
  })

  it('replaces an item by id instead of duplicating it', () => {
    const merged = mergeTickerItems(snapshot, [item('b', 20, 'ADOPTED')])
    expect(ids(merged)).toEqual(['c', 'b', 'a'])
    expect(merged[1]?.status).toBe('ADOPTED')
  })

  it('moves a resubmitted item to its new time', () => {
    expect(ids(mergeTickerItems(snapshot, [item('a', 50)]))).toEqual(['a', 'c', 'b'])
  })

  it('drops items that can no longer be read', () => {
    expect(ids(mergeTickerItems(snapshot, [], ['b']))).toEqual(['c', 'a'])
  })

  it('keeps only the newest `limit`, so an old reviewed item falls off', () => {
    expect(ids(mergeTickerItems(snapshot, [item('d', 40), item('old', 1)], [], 3))).toEqual(['d', 'c', 'b'])
  })

  it('orders equal times by id, deterministically', () => {
    expect(ids(mergeTickerItems([], [item('x', 5), item('y', 5)]))).toEqual(['y', 'x'])
    expect(ids(mergeTickerItems([], [item('y', 5), item('x', 5)]))).toEqual(['y', 'x'])
  })

  it('does not mutate its inputs', () => {
    const before = JSON.stringify(snapshot)
    mergeTickerItems(snapshot, [item('d', 40)], ['a'])
    expect(JSON.stringify(snapshot)).toBe(before)
  })
})
