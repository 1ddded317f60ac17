import { onBeforeUnmount } from 'vue'

// Half-written forms kept on the device (localStorage), so a reload, a lost signal or
// a phone that drops the tab (the camera or the phone app opened) costs nothing typed.
// Writes are coalesced, and flushed at once when the page is hidden: a phone may kill
// a hidden tab without another chance to run.

const PREFIX = 'xinbao.draft.'
/** set at sign-out: nothing may be written after the drafts were cleared */
let cleared = false

/** `county.<incident id>`, `update.<incident id>`: a report to the county, a 事态发展 being written for that incident */
export const deviceDraftKey = (form: 'item' | 'incident' | `county.${string}` | `update.${string}`, personId: string) => `${PREFIX}${form}.${personId}`

/** Whether a draft is kept under `key` (to open the form it belongs to). */
export function hasDeviceDraft(key: string): boolean {
  try {
    return window.localStorage.getItem(key) !== null
  } catch {
    return false
  }
}

export interface DeviceDraft {
  /** what was stored, or null (nothing, or storage switched off) */
  read(): string | null
  /** keep this value (null: forget) after a short pause */
  save(value: string | null): void
  /** write what is pending now */
  flush(): void
  /** forget the draft at once, dropping anything pending */
  forget(): void
}

export function useDeviceDraft(key: string, delayMs = 300): DeviceDraft {
  let pending: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  const write = (value: string | null) => {
    if (cleared) return
    try {
      if (value === null) window.localStorage.removeItem(key)
      else window.localStorage.setItem(key, value)
    } catch {
      // full or switched off: the form itself still holds the text
    }
  }
  const flush = () => {
    clearTimeout(timer)
    pending?.()
    pending = null
  }
  const onHidden = () => document.visibilityState === 'hidden' && flush()
  document.addEventListener('visibilitychange', onHidden)
  window.addEventListener('pagehide', flush)
  onBeforeUnmount(() => {
    flush()
    document.removeEventListener('visibilitychange', onHidden)
    window.removeEventListener('pagehide', flush)
  })
  return {
    read() {
      try {
        return window.localStorage.getItem(key)
      } catch {
        return null
      }
    },
    save(value) {
      pending = () => write(value)
      clearTimeout(timer)
      timer = setTimeout(flush, delayMs)
    },
    flush,
    forget() {
      clearTimeout(timer)
      pending = null
      write(null)
    },
  }
}

/** What every kept form is stored in: when, with which key, and the form itself. */
export interface DraftEnvelope {
  savedAt: number
  idempotencyKey: string
  draft: Record<string, unknown>
  /** the rest of what was stored beside the form (e.g. its photos) */
  extra: Record<string, unknown>
}

export function serializeEnvelope(saved: { savedAt: number; idempotencyKey: string; draft: object } & Record<string, unknown>): string {
  return JSON.stringify({ v: 1, ...saved })
}

/**
 * Reads an envelope `serializeEnvelope` wrote: null when damaged, of another version,
 * older than `maxAgeMs`, or saved more than a minute "in the future" (another device's
 * clock, not this one's). The form inside is for the caller to check.
 */
export function parseEnvelope(raw: string | null, nowMs: number, maxAgeMs: number): DraftEnvelope | null {
  if (!raw) return null
  let v: Record<string, unknown>
  try {
    v = JSON.parse(raw)
  } catch {
    return null
  }
  if (!v || typeof v !== 'object' || v.v !== 1 || typeof v.savedAt !== 'number' || typeof v.idempotencyKey !== 'string' || !v.idempotencyKey) return null
  if (nowMs - v.savedAt > maxAgeMs || v.savedAt > nowMs + 60_000) return null
  const { draft, savedAt, idempotencyKey, v: _v, ...extra } = v
  if (!draft || typeof draft !== 'object') return null
  return { savedAt, idempotencyKey, draft: draft as Record<string, unknown>, extra }
}

/** The form's text fields, when every one of them is a string (a kept form of an older shape is not restored). */
export function stringFields<F extends string>(draft: Record<string, unknown>, fields: readonly F[]): Record<F, string> | null {
  return fields.every((f) => typeof draft[f] === 'string') ? (Object.fromEntries(fields.map((f) => [f, draft[f]])) as Record<F, string>) : null
}

/** Forgets every form's draft on this device, and keeps anything pending from being written (an explicit sign-out). */
export function clearAllDrafts(storage: Storage): void {
  cleared = true
  const keys: string[] = []
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i)
    if (k?.startsWith(PREFIX)) keys.push(k)
  }
  for (const k of keys) storage.removeItem(k)
}
