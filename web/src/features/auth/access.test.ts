import { describe, expect, it } from 'vitest'
import { canEnter, canOpenUnit, homePath, safeNext, seesUnitItems } from './access'

const informant = { roles: ['INFORMANT'] as const, unit: { id: 'u-ljc' } }
const office = { roles: ['OFFICE'] as const, unit: { id: 'u-office' } }
const leader = { roles: ['LEADER'] as const, unit: null }
const duty = { roles: ['DUTY'] as const, unit: null }
const v = (x: { roles: readonly string[]; unit: { id: string } | null; unitsInCharge?: { id: string }[] }) => x as Parameters<typeof canEnter>[0]

describe('access', () => {
  it.each([
    [informant, '/report'],
    [office, '/office'],
    [leader, '/leader'],
    [{ roles: ['MAIN_LEADER'], unit: null }, '/leader'],
    [duty, '/wall'],
    [{ roles: [], unit: null }, '/login'],
    [{ roles: ['INFORMANT', 'OFFICE'], unit: null }, '/office'],
  ])('%o lands on %s', (viewer, path) => expect(homePath(v(viewer))).toBe(path))

  it('keeps an informant to their own unit', () => {
    expect(canOpenUnit(v(informant), 'u-ljc')).toBe(true)
    expect(canOpenUnit(v(informant), 'u-cd')).toBe(false)
    expect(canOpenUnit(v(office), 'u-cd')).toBe(true)
    expect(canOpenUnit(v(duty), 'u-cd')).toBe(false)
  })

  it('lets the display see the wall and nothing else', () => {
    expect(canEnter(v(duty), 'wall')).toBe(true)
    for (const area of ['report', 'leader', 'office', 'incident', 'unit'] as const) expect(canEnter(v(duty), area)).toBe(false)
    expect(canEnter(v(informant), 'wall')).toBe(false)
    expect(canEnter(v(informant), 'office')).toBe(false)
  })

  it('reads a unit’s items where the server lets it: the office and main leaders all, a leader the units in charge, an informant their own', () => {
    expect(seesUnitItems(v(office), 'u-cd')).toBe(true)
    expect(seesUnitItems(v({ roles: ['MAIN_LEADER'], unit: null }), 'u-cd')).toBe(true)
    const leader = { roles: ['LEADER'] as const, unit: null, unitsInCharge: [{ id: 'u-ljc' }] }
    expect(seesUnitItems(v(leader), 'u-ljc')).toBe(true)
    expect(seesUnitItems(v(leader), 'u-cd')).toBe(false)
    expect(seesUnitItems(v(informant), 'u-ljc')).toBe(true)
    expect(seesUnitItems(v(informant), 'u-cd')).toBe(false)
    expect(seesUnitItems(v(duty), 'u-ljc')).toBe(false)
    // an informant who is also a leader in charge of other units reads both
    expect(seesUnitItems(v({ roles: ['INFORMANT', 'LEADER'], unit: { id: 'u-ljc' }, unitsInCharge: [{ id: 'u-cd' }] }), 'u-cd')).toBe(true)
  })

  it('lets everyone who signs in open their own account page', () => {
    for (const who of [informant, office, duty]) expect(canEnter(v(who), 'account')).toBe(true)
  })

  it.each([
    ['/report', '/report'],
    ['//evil.example/x', null],
    ['https://evil.example', null],
    ['/login?next=/x', null],
    [undefined, null],
  ])('safeNext(%s) = %s', (next, expected) => expect(safeNext(next)).toBe(expected))
})
