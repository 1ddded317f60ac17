import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { onCstDayTurn } from './day-turn'

const at = (iso: string) => Date.parse(iso)

describe('onCstDayTurn', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  function setup(start: string) {
    const now = ref(at(start))
    const turns: number[] = []
    const scope = effectScope()
    scope.run(() => onCstDayTurn(now, () => turns.push(now.value), 2_000))
    /** the clock reads `iso`, then `ms` pass */
    async function move(iso: string, ms = 0) {
      now.value = at(iso)
      await nextTick()
      vi.advanceTimersByTime(ms)
    }
    return { move, turns, scope }
  }

  it('calls back 2 s after midnight in China, and not on the ticks before it', async () => {
    const { move, turns, scope } = setup('2026-11-30T23:59:58+08:00')
    await move('2026-11-30T23:59:59.999+08:00', 10_000)
    expect(turns).toEqual([])

    await move('2026-12-01T00:00:00+08:00', 1_999)
    expect(turns).toEqual([])
    await move('2026-12-01T00:00:01+08:00', 1)
    expect(turns).toHaveLength(1)

    // the rest of the day: nothing more
    await move('2026-12-01T23:59:59+08:00', 60_000)
    expect(turns).toHaveLength(1)
    scope.stop()
  })

  it('UTC midnight (08:00 in China) is no turn', async () => {
    const { move, turns, scope } = setup('2026-12-01T07:59:59+08:00')
    await move('2026-12-01T08:00:00+08:00', 10_000)
    expect(turns).toEqual([])
    scope.stop()
  })

  it('a clock corrected back across midnight is a turn too (the figures read before were for the wrong day)', async () => {
    const { move, turns, scope } = setup('2026-12-01T00:00:03+08:00')
    await move('2026-11-30T23:59:59+08:00', 2_000)
    expect(turns).toHaveLength(1)
    scope.stop()
  })

  it('stops with its scope: a screen left before the turn reads nothing', async () => {
    const { move, turns, scope } = setup('2026-11-30T23:59:59+08:00')
    await move('2026-12-01T00:00:00+08:00')
    scope.stop()
    vi.advanceTimersByTime(10_000)
    expect(turns).toEqual([])
  })
})
