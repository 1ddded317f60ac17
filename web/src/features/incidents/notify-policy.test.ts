import { expect, it } from 'vitest'
import { shouldNotify } from './notify-policy'

const at = (cstHour: number) => Date.UTC(2026, 10, 26, (cstHour - 8 + 24) % 24, 30) // hh:30 in China
it.each([
  ['GENERAL', false, 23, true],
  ['GENERAL', true, 23, false],
  ['LARGE', true, 3, false],
  ['LARGE', true, 7, true], // morning: muting ends at 07:00
  ['GENERAL', true, 21, true],
  ['MAJOR', true, 23, true], // never muted
  ['EXTRAORDINARY', true, 2, true],
] as const)('%s, mute=%s at %i:30 CST → %s', (severity, mute, hour, expected) => {
  expect(shouldNotify(severity, mute, at(hour))).toBe(expected)
})
