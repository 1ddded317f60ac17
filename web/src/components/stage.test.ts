import { expect, it } from 'vitest'
import { stageSize } from './stage'

it.each([
  [1920, 1080, { scale: 1, width: 1920, height: 1080 }],
  [3840, 2160, { scale: 2, width: 1920, height: 1080 }],
  [1920, 1200, { scale: 1, width: 1920, height: 1200 }], // 16:10: taller canvas
  [2560, 1080, { scale: 1, width: 2560, height: 1080 }], // 21:9: wider canvas
  [1366, 768, { scale: 768 / 1080, width: 1921, height: 1080 }], // 16:9 to within a pixel
])('%i×%i → %o', (w, h, expected) => {
  const s = stageSize(w, h)
  expect(s.width).toBe(expected.width)
  expect(s.height).toBe(expected.height)
  expect(s.scale).toBeCloseTo(expected.scale, 6)
})
