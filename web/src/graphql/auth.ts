const STORAGE_KEY = 'xinbao.token'

/**
 * The bearer token for API calls, if this browser has one. A duty-room PC is set up
 * once by opening the wall with `?token=…` (a display token); the token is kept in
 * localStorage and removed from the address bar so it is not left on screen.
 * People get theirs by signing in at /login.
 */
export function readAccessToken(): string | null {
  try {
    const url = new URL(window.location.href)
    const fromUrl = url.searchParams.get('token')
    if (fromUrl) {
      window.localStorage.setItem(STORAGE_KEY, fromUrl)
      url.searchParams.delete('token')
      window.history.replaceState(window.history.state, '', url)
      return fromUrl
    }
    return window.localStorage.getItem(STORAGE_KEY)
  } catch {
    return null // storage disabled (kiosk privacy mode): run without a token
  }
}

/**
 * The token as stored right now (without touching the address bar), or `fallback`.
 * Read on every connection attempt and request, so a token replaced after a sign-in
 * or re-issued for the display is used from the next attempt on.
 */
export function currentAccessToken(fallback: string | null): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? fallback
  } catch {
    return fallback
  }
}

export function saveAccessToken(token: string): void {
  window.localStorage.setItem(STORAGE_KEY, token)
}

export function clearAccessToken(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY)
  } catch {
    // nothing stored
  }
}
