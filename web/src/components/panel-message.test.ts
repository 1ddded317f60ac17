import { expect, it } from 'vitest'
import { panelMessage } from './panel-message'

it.each([
  ['loading', true, { text: '加载中…', tone: 'dim' }],
  ['error', true, { text: '无法获取数据，正在重试…', tone: 'warn' }],
  ['ready', true, { text: '暂无数据', tone: 'dim' }],
  // data already on screen stays there through a failed refetch
  ['error', false, null],
  ['ready', false, null],
] as const)('%s, empty=%s → %o', (state, empty, expected) => {
  expect(panelMessage(state, empty)).toEqual(expected)
})
