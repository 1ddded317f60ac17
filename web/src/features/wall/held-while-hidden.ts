import { computed, type ComputedRef } from 'vue'

/**
 * What a rotating page shows: `source` while the page is on screen, and while it is
 * hidden the last value it showed, so a hidden page's charts and lists neither
 * re-render nor animate on every event (six pages at 5 events a second would
 * otherwise all redraw, five of them unseen). The moment the page is shown again
 * it takes the current value, and its charts animate from what they last showed.
 *
 * Until the page has something `loaded` to show it follows the source even while
 * hidden: each page draws its first figures in the background as soon as they
 * arrive, so the first time it comes round it is complete, not empty or drawing.
 */
export function heldWhileHidden<T>(
  source: () => T,
  active: () => boolean,
  loaded: (value: T) => boolean = (value) => value != null,
): ComputedRef<T> {
  let last = source()
  // once loaded and while inactive the computed depends on `active` only, so changes
  // of `source` do not reach the page
  return computed(() => (active() || !loaded(last) ? (last = source()) : last))
}
