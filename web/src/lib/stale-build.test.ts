import { describe, expect, it } from 'vitest'
import { claimReload, entryScriptOf, isChunkLoadError } from './stale-build'

describe('isChunkLoadError', () => {
  it.each([
    ['Failed to fetch dynamically imported module: http://x/assets/OfficeStatisticsView-abc.js', true], // Chromium
    ['error loading dynamically imported module: http://x/assets/a.js', true], // Firefox
    ['Importing a module script failed.', true], // Safari
    ['Unable to preload CSS for /assets/a.css', true], // Vite's preload helper
    ['Network request failed', false],
    ['Cannot read properties of undefined', false],
  ])('%s → %s', (message, expected) => {
    expect(isChunkLoadError(new Error(message))).toBe(expected)
    expect(isChunkLoadError(new TypeError(message))).toBe(expected)
  })
  it('is false for anything that is not an error or a message', () => {
    expect(isChunkLoadError(undefined)).toBe(false)
    expect(isChunkLoadError({ message: 'Failed to fetch dynamically imported module' })).toBe(false)
  })
})

function memoryStorage() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) }
}

describe('claimReload', () => {
  it('reloads once, refuses a second time within the window, and reloads again after it', () => {
    const s = memoryStorage()
    expect(claimReload(s, 1_000_000)).toBe(true)
    expect(claimReload(s, 1_000_000 + 29_999)).toBe(false)
    expect(claimReload(s, 1_000_000 + 30_000)).toBe(true)
  })
  it('a clock set back does not block reloads for ever', () => {
    const s = memoryStorage()
    expect(claimReload(s, 5_000_000)).toBe(true)
    expect(claimReload(s, 4_000_000)).toBe(true)
  })
  it('still reloads when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(claimReload(broken, 1)).toBe(true)
  })
})

it('finds the hashed entry script of a deployment', () => {
  const html = '<head><script type="module" crossorigin src="/assets/index-BPE66fUQ.js"></script></head>'
  expect(entryScriptOf(html)).toBe('/assets/index-BPE66fUQ.js')
  expect(entryScriptOf('<html></html>')).toBeNull()
})
