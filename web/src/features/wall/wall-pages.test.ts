import { describe, expect, it } from 'vitest'
import { nextWallPage, parseWallPages } from './wall-pages'

describe('parseWallPages', () => {
  it.each([
    ['', { pages: ['overview', 'adoption', 'quota', 'ranking', 'categories', 'trend'], rotateSec: 30 }],
    ['?pages=quota,overview&rotate=45', { pages: ['quota', 'overview'], rotateSec: 45 }],
    ['?pages=overview', { pages: ['overview'], rotateSec: 0 }], // one page: nothing to rotate
    ['?rotate=0', { pages: ['overview', 'adoption', 'quota', 'ranking', 'categories', 'trend'], rotateSec: 0 }],
    ['?rotate=2', { pages: ['overview', 'adoption', 'quota', 'ranking', 'categories', 'trend'], rotateSec: 5 }],
    ['?pages=bogus,quota,quota&rotate=x', { pages: ['quota'], rotateSec: 0 }],
  ])('%s', (search, expected) => expect(parseWallPages(search)).toEqual(expected))
})

it('cycles through the available pages', () => {
  expect(nextWallPage(['overview', 'quota'], 'overview')).toBe('quota')
  expect(nextWallPage(['overview', 'quota'], 'quota')).toBe('overview')
  expect(nextWallPage(['overview', 'quota'], 'trend')).toBe('overview') // trend dropped out
})
