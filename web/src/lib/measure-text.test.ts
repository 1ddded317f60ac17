import { describe, expect, it } from 'vitest'
import { recyclingMeasurer } from './measure-text'

function fakeContexts() {
  const made: { font: string; measured: string[]; fontSets: number }[] = []
  const createContext = () => {
    const c = {
      _font: '10px sans-serif',
      measured: [] as string[],
      fontSets: 0,
      get font() {
        return this._font
      },
      set font(f: string) {
        this._font = f
        this.fontSets++
      },
      measureText(text: string) {
        this.measured.push(text)
        return { width: text.length * 10 } as TextMetrics
      },
    }
    made.push(c as unknown as (typeof made)[number])
    return c
  }
  return { made, createContext }
}

describe('recyclingMeasurer', () => {
  it('measures on one canvas until the limit, then on a fresh one', () => {
    const { made, createContext } = fakeContexts()
    const measure = recyclingMeasurer({ createContext, perCanvas: 3 })
    for (const s of ['a', 'bb', 'ccc', 'dddd', 'eeeee']) measure(s, '20px serif')
    expect(made).toHaveLength(2)
    expect(made[0]!.measured).toEqual(['a', 'bb', 'ccc'])
    expect(made[1]!.measured).toEqual(['dddd', 'eeeee'])
    expect(measure('xyz', '20px serif').width).toBe(30)
  })

  it('sets the font only when it changes, and again on a fresh canvas', () => {
    const { made, createContext } = fakeContexts()
    const measure = recyclingMeasurer({ createContext, perCanvas: 4 })
    measure('1', '20px serif')
    measure('2', '20px serif')
    measure('3', '24px serif')
    measure('4', '24px serif')
    measure('5', '24px serif')
    expect(made[0]!.fontSets).toBe(2)
    expect(made[1]!.fontSets).toBe(1)
    expect(made[1]!.font).toBe('24px serif')
  })

  it('uses the default font when none is given', () => {
    const { made, createContext } = fakeContexts()
    recyclingMeasurer({ createContext, defaultFont: '12px sans-serif' })('x')
    expect(made[0]!.font).toBe('12px sans-serif')
  })

  it('estimates without a canvas', () => {
    const measure = recyclingMeasurer({ createContext: () => null })
    expect(measure('国国', '20px sans-serif').width).toBe(40)
    expect(measure('ab', '20px sans-serif').width).toBeCloseTo(24)
  })
})
