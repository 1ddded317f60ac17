import { expect, it } from 'vitest'
import { quotaFraction, quotaRowFor } from './quota'

it('finds a unit on the board', () => {
  const board = { month: { key: '', label: '' }, quarter: { key: '', label: '' }, rows: [{ unit: { id: 'a', name: 'A', kind: 'VILLAGE' as const }, month: null, quarter: null }] }
  expect(quotaRowFor(board, 'a')?.unit.name).toBe('A')
  expect(quotaRowFor(board, 'b')).toBeNull()
  expect(quotaRowFor(null, 'a')).toBeNull()
})

it.each([
  [0, 5, 0],
  [3, 5, 0.6],
  [7, 5, 1],
  [0, 0, 1],
])('%i of %i → %d', (submitted, minimum, f) => expect(quotaFraction({ submitted, minimum })).toBeCloseTo(f))
