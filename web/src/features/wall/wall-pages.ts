// The wall's rotating pages, configured in the address: `/?pages=overview,quota&rotate=45`
// (seconds; 0 = no rotation). The incident panel is outside the pages and always shows.

export const WALL_PAGES = ['overview', 'adoption', 'quota', 'ranking', 'categories', 'trend'] as const
export type WallPage = (typeof WALL_PAGES)[number]

export interface WallPageConfig {
  pages: WallPage[]
  /** seconds per page; 0 keeps the first page */
  rotateSec: number
}

export const DEFAULT_ROTATE_SEC = 30

export function parseWallPages(search: string): WallPageConfig {
  const q = new URLSearchParams(search)
  const asked = (q.get('pages') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is WallPage => (WALL_PAGES as readonly string[]).includes(s))
  const pages = asked.length ? [...new Set(asked)] : [...WALL_PAGES]
  const raw = q.get('rotate')
  const n = raw === null ? DEFAULT_ROTATE_SEC : Number(raw)
  // under 5 s nobody can read a page; treat nonsense as the default
  const rotateSec = !Number.isFinite(n) || n < 0 ? DEFAULT_ROTATE_SEC : n === 0 ? 0 : Math.max(5, Math.round(n))
  return { pages, rotateSec: pages.length > 1 ? rotateSec : 0 }
}

/** The page after `current` among those available (a page may drop out, e.g. refused data). */
export function nextWallPage(pages: readonly WallPage[], current: WallPage): WallPage {
  if (pages.length === 0) return current
  const i = pages.indexOf(current)
  return pages[(i + 1) % pages.length] ?? pages[0]!
}
