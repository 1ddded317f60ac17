/**
 * A random id for idempotency keys. crypto.randomUUID exists only in secure contexts
 * (https, localhost); a township intranet often serves plain http, so fall back to
 * getRandomValues, which is available everywhere.
 */
export function randomId(): string {
  const c = globalThis.crypto
  if (typeof c?.randomUUID === 'function') {
    try {
      return c.randomUUID()
    } catch {
      // not a secure context
    }
  }
  const bytes = new Uint8Array(16)
  c.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
