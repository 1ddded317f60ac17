// `?contrast=high` turns the wall into a high-contrast display (black, white and
// yellow; at least 7:1). Like the display token it is remembered in localStorage
// and taken out of the address; `?contrast=normal` switches back.
const KEY = 'xinbao.contrast'

export type ContrastMode = 'normal' | 'high'

export function pickContrast(search: string, stored: string | null): ContrastMode {
  const asked = new URLSearchParams(search).get('contrast')
  if (asked === 'high' || asked === 'normal') return asked
  return stored === 'high' ? 'high' : 'normal'
}

function choose(): ContrastMode {
  if (typeof window === 'undefined') return 'normal'
  try {
    const url = new URL(window.location.href)
    const mode = pickContrast(url.search, window.localStorage.getItem(KEY))
    const asked = url.searchParams.get('contrast')
    if (asked === 'high') window.localStorage.setItem(KEY, 'high')
    else if (asked === 'normal') window.localStorage.removeItem(KEY)
    if (asked !== null) {
      url.searchParams.delete('contrast')
      window.history.replaceState(window.history.state, '', url)
    }
    return mode
  } catch {
    return 'normal'
  }
}

/** Chosen once per page load. */
export const contrastMode: ContrastMode = choose()
export const highContrast = contrastMode === 'high'
