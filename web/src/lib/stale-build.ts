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

/** The entry script of a built index.html (`/assets/index-<hash>.js`): it changes with every deployment. */
export function entryScriptOf(html: string): string | null {
  const m = /<script[^>]*type="module"[^>]*src="([^"]+)"/i.exec(html) ?? /<script[^>]*src="([^"]+)"[^>]*type="module"/i.exec(html)
  return m?.[1] ?? null
}

let mine: string | null | undefined
/** Set once the server's index.html names another entry script than the one this page runs. */
let newBuild = false

/**
 * Asks the server which build it serves now (index.html, never cached) and remembers
 * whether it differs from this page's. False until known; a server away counts as no news.
 */
export async function checkForNewBuild(): Promise<boolean> {
  mine ??= entryScriptOf(document.documentElement.outerHTML)
  if (!mine || newBuild) return newBuild // dev server: no hashed entry
  try {
    const res = await fetch('/index.html', { cache: 'no-store' })
    const deployed = res.ok ? entryScriptOf(await res.text()) : null
    if (deployed && deployed !== mine) newBuild = true
  } catch {
    // server away: the screens say so themselves
  }
  return newBuild
}

/** Whether a newer build than this page's is known to be deployed (from the last check). */
export const newBuildKnown = () => newBuild
