/**
 * After a new version is deployed, a page loaded before it still names the old
 * build's chunks, which are gone: opening a screen not visited yet fails to load its
 * code, and the click does nothing. The cure is to load the new version, once, at the
 * address the user was going to. A second failure within `windowMs` of the first
 * reload is not a stale page but a broken server: then nothing more is reloaded.
 */

/** Browsers word a dynamic import that could not be loaded differently. */
const CHUNK_FAILURE = /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i

export function isChunkLoadError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : ''
  return CHUNK_FAILURE.test(message)
}

const KEY = 'xinbao:stale-build-reload'

/** Whether to reload now; records the reload so that a loop stops at the second failure. */
export function claimReload(storage: Pick<Storage, 'getItem' | 'setItem'>, now: number, windowMs = 30_000): boolean {
  let last = Number.NaN
  try {
    last = Number(storage.getItem(KEY))
  } catch {
    // storage unavailable (private mode): still reload, the loop guard is best effort
  }
  if (Number.isFinite(last) && now - last >= 0 && now - last < windowMs) return false
  try {
    storage.setItem(KEY, String(now))
  } catch {
    // as above
  }
  return true
}
