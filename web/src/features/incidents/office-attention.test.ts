import { expect, it } from 'vitest'
import type { ClockPhase, ClockView } from './incident-clock'
import { officeAttention } from './office-attention'

const view = (phase: ClockPhase): ClockView => ({ phase, line: phase, primary: null, secondary: null })
const inc = (id: string, occurredAt: string) => ({ id, occurredAt })

it('lists what still races a line or owes a 续报, most pressing first, then the earliest event', () => {
  const incidents = [
    inc('counting-late-event', '2026-11-27T03:00:00.000Z'),
    inc('reported', '2026-11-27T01:00:00.000Z'),
    inc('warning', '2026-11-27T02:00:00.000Z'),
    inc('counting-early-event', '2026-11-27T02:30:00.000Z'),
    inc('followup', '2026-11-26T23:00:00.000Z'),
    inc('late', '2026-11-27T00:00:00.000Z'),
    inc('concealed', '2026-11-26T12:00:00.000Z'),
    inc('no-clock-yet', '2026-11-27T00:00:00.000Z'),
  ]
  const views = new Map<string, ClockView>([
    ['counting-late-event', view('COUNTING')],
    ['reported', view('REPORTED')],
    ['warning', view('WARNING')],
    ['counting-early-event', view('COUNTING')],
    ['followup', view('FOLLOW_UP_OVERDUE')],
    ['late', view('LATE')],
    ['concealed', view('CONCEALED')],
  ])
  expect(officeAttention(incidents, views).map((x) => x.incident.id)).toEqual([
    'concealed',
    'late',
    'followup',
    'warning',
    'counting-early-event',
    'counting-late-event',
  ])
  expect(officeAttention([], views)).toEqual([])
})
