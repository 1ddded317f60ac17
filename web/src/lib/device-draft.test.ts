import { expect, it } from 'vitest'
import { clearAllDrafts, deviceDraftKey } from './device-draft'

it('drafts of every form and person are forgotten at sign-out, other keys kept', () => {
  const store = new Map<string, string>([
    [deviceDraftKey('item', 'p1'), 'a'],
    [deviceDraftKey('incident', 'p2'), 'b'],
    ['xinbao.lang', 'en'],
  ])
  const storage = {
    get length() {
      return store.size
    },
    key: (i: number) => [...store.keys()][i] ?? null,
    removeItem: (k: string) => void store.delete(k),
  } as unknown as Storage
  clearAllDrafts(storage)
  expect([...store.keys()]).toEqual(['xinbao.lang'])
})
