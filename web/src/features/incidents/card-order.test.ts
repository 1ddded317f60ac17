import { describe, expect, it } from 'vitest'
import type { ClockPhase, ClockView } from './incident-clock'
import { incidentsUrgentFirst, urgentFirst } from './card-order'

const row = (id: string, phase: ClockPhase): { id: string; view: ClockView } => ({ id, view: { phase, line: 'start', primary: null, secondary: null } })

describe('urgentFirst', () => {
  it('puts the cards at or past a line first, each group in the order given', () => {
    const rows = [row('major', 'COUNTING'), row('large', 'COUNTING'), row('general-warn', 'WARNING'), row('reported', 'REPORTED'), row('late', 'LATE'), row('followup', 'FOLLOW_UP_OVERDUE'), row('concealed', 'CONCEALED')]
    expect(urgentFirst(rows).map((r) => r.id)).toEqual(['general-warn', 'late', 'followup', 'concealed', 'major', 'large', 'reported'])
  })

  it('keeps the order given when nothing is urgent, or everything is', () => {
    const calm = [row('a', 'COUNTING'), row('b', 'REPORTED'), row('c', 'COUNTING')]
    expect(urgentFirst(calm).map((r) => r.id)).toEqual(['a', 'b', 'c'])
    const pressed = [row('a', 'LATE'), row('b', 'WARNING')]
    expect(urgentFirst(pressed).map((r) => r.id)).toEqual(['a', 'b'])
    expect(urgentFirst([])).toEqual([])
  })
})

describe('incidentsUrgentFirst', () => {
  it('orders incidents by their clocks the same way; one without a clock stays among the rest', () => {
    const views = new Map([
      ['a', row('a', 'COUNTING').view],
      ['b', row('b', 'WARNING').view],
    ])
    expect(incidentsUrgentFirst([{ id: 'a' }, { id: 'x' }, { id: 'b' }], views).map((i) => i.id)).toEqual(['b', 'a', 'x'])
  })
})
