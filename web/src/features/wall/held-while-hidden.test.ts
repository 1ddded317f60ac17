import { describe, expect, it } from 'vitest'
import { effect, ref } from 'vue'
import { heldWhileHidden } from './held-while-hidden'

describe('heldWhileHidden', () => {
  it('follows the source while active', () => {
    const source = ref(1)
    const active = ref(true)
    const held = heldWhileHidden(() => source.value, () => active.value)
    expect(held.value).toBe(1)
    source.value = 2
    expect(held.value).toBe(2)
  })

  it('keeps the last value while hidden and takes the current one when shown', () => {
    const source = ref(1)
    const active = ref(true)
    const held = heldWhileHidden(() => source.value, () => active.value)
    expect(held.value).toBe(1)
    active.value = false
    source.value = 2
    source.value = 3
    expect(held.value).toBe(1)
    active.value = true
    expect(held.value).toBe(3)
  })

  it('starts from the source even when the page starts hidden', () => {
    const held = heldWhileHidden(() => 'now', () => false)
    expect(held.value).toBe('now')
  })

  it('does not notify its readers of changes while hidden', () => {
    const source = ref(0)
    const active = ref(false)
    const held = heldWhileHidden(() => source.value, () => active.value)
    let runs = 0
    effect(() => {
      void held.value
      runs++
    })
    for (let i = 1; i <= 10; i++) source.value = i
    expect(runs).toBe(1)
    active.value = true
    expect(runs).toBe(2)
    expect(held.value).toBe(10)
  })

  it('follows the source while hidden until it has loaded something, then holds', () => {
    const source = ref<{ n: number } | null>(null)
    const held = heldWhileHidden(() => source.value, () => false)
    expect(held.value).toBeNull()
    source.value = { n: 1 }
    expect(held.value).toEqual({ n: 1 })
    source.value = { n: 2 }
    expect(held.value).toEqual({ n: 1 })
  })

  it('takes what counts as loaded from the caller', () => {
    const state = ref<'loading' | 'ready' | 'error'>('loading')
    const held = heldWhileHidden(() => state.value, () => false, (s) => s !== 'loading')
    expect(held.value).toBe('loading')
    state.value = 'ready'
    expect(held.value).toBe('ready')
    state.value = 'error'
    expect(held.value).toBe('ready')
  })

  it('notifies its readers of the first load while hidden, and of nothing after', () => {
    const source = ref<number[]>([])
    const held = heldWhileHidden(() => source.value, () => false, (v) => v.length > 0)
    let runs = 0
    effect(() => {
      void held.value
      runs++
    })
    source.value = [1]
    expect(runs).toBe(2)
    for (let i = 2; i <= 10; i++) source.value = [i]
    expect(runs).toBe(2)
    expect(held.value).toEqual([1])
  })
})
