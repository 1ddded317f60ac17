import { computed, type ComputedRef } from 'vue'

/**
 * What a rotating page shows: `source` while the page is on screen, and while it is
 * hidden the last value it showed, so a hidden page's charts and lists neither
 * re-render nor animate on every event (five pages at 5 events a second would
 * otherwise all redraw, four of them unseen). The moment the page is shown again
 * it takes the current value, and its charts animate from what they last showed.
 */
export function heldWhileHidden<T>(source: () => T, active: () => boolean): ComputedRef<T> {
  let last = source()
  // while inactive the computed depends on `active` only, so changes of `source` do not reach the page
  return computed(() => (active() ? (last = source()) : last))
}
