import { describe, expect, it } from 'vitest'
import { en } from './en'
import { pickLocale } from './index'
import { zhCN } from './zh-CN'

// every key of the Chinese file exists in English (the type checks shapes; this checks nothing is empty)
function leaves(o: unknown, path = ''): string[] {
  if (typeof o === 'string' || typeof o === 'function') return [path]
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
}

describe('locales', () => {
  it('have the same keys', () => expect(leaves(en).sort()).toEqual(leaves(zhCN).sort()))
  it('picks ?lang=, then the stored choice, then Chinese', () => {
    expect(pickLocale('?lang=en', null)).toBe(en)
    expect(pickLocale('', 'en')).toBe(en)
    expect(pickLocale('?lang=fr', null)).toBe(zhCN)
    expect(pickLocale('', null)).toBe(zhCN)
  })
})
