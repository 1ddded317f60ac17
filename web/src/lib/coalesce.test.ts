import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { coalesce } from './coalesce'

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs once for a burst of requests, after the delay', async () => {
    const task = vi.fn(async () => {})
    const c = coalesce(task, 300)
    c.request()
    c.request()
    await vi.advanceTimersByTimeAsync(299)
    c.request()
    expect(task).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('is not starved by a steady trickle of requests', async () => {
    const task = vi.fn(async () => {})
    const c = coalesce(task, 300)
    for (let i = 0; i < 10; i++) {
      c.request()
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(task.mock.calls.length).toBeGreaterThanOrEqual(3)
  })

  it('never overlaps runs, and runs again when asked during a run', async () => {
    let active = 0
    let maxActive = 0
    const task = vi.fn(async () => {
      active++
      maxActive = Math.max(maxActive, active)
      await new Promise((r) => setTimeout(r, 1000))
      active--
    })
    const c = coalesce(task, 300)
    c.request()
    await vi.advanceTimersByTimeAsync(400) // run 1 in flight
    c.request()
    await vi.advanceTimersByTimeAsync(400) // timer fires while run 1 is still going
    expect(task).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(3000)
    expect(task).toHaveBeenCalledTimes(2)
    expect(maxActive).toBe(1)
  })

  it('flush runs immediately and reports errors without breaking later runs', async () => {
    const errors: unknown[] = []
    let fail = true
    const task = vi.fn(async () => {
      if (fail) throw new Error('boom')
    })
    const c = coalesce(task, 300, (e) => errors.push(e))
    await c.flush()
    expect(errors).toHaveLength(1)
    fail = false
    c.request()
    await vi.advanceTimersByTimeAsync(300)
    expect(task).toHaveBeenCalledTimes(2)
    expect(errors).toHaveLength(1)
  })

  it('cancel drops a pending run', async () => {
    const task = vi.fn(async () => {})
    const c = coalesce(task, 300)
    c.request()
    c.cancel()
    await vi.advanceTimersByTimeAsync(1000)
    expect(task).not.toHaveBeenCalled()
  })
})
