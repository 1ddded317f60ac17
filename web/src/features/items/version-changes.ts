// What a revision changed: the office, reviewing an item sent back for changes,
// sees which fields differ from the version it returned and which photos were
// taken off or added, without reading both versions side by side word by word.

export const VERSION_FIELDS = ['title', 'body', 'meetingSummary', 'category', 'channel', 'occurredAt'] as const
export type VersionField = (typeof VERSION_FIELDS)[number]

export interface VersionContent {
  version: number
  title: string
  body: string
  meetingSummary?: string | null
  category: string
  channel: string
  occurredAt: string
  photos: readonly { id: string }[]
}

export interface VersionChange<V extends VersionContent = VersionContent> {
  before: V
  after: V
  changed: VersionField[]
  /** photos of `before` that `after` no longer has, in `before`'s order */
  photosRemoved: string[]
  /** photos of `after` that `before` did not have, in `after`'s order */
  photosAdded: string[]
}

/** An empty meeting summary and none are the same; instants compare by time, not spelling. */
function same(field: VersionField, a: VersionContent, b: VersionContent): boolean {
  if (field === 'meetingSummary') return (a.meetingSummary ?? '').trim() === (b.meetingSummary ?? '').trim()
  if (field === 'occurredAt') return Date.parse(a.occurredAt) === Date.parse(b.occurredAt)
  return a[field] === b[field]
}

export function versionChange<V extends VersionContent>(before: V, after: V): VersionChange<V> {
  const had = new Set(before.photos.map((p) => p.id))
  const has = new Set(after.photos.map((p) => p.id))
  return {
    before,
    after,
    changed: VERSION_FIELDS.filter((f) => !same(f, before, after)),
    photosRemoved: before.photos.map((p) => p.id).filter((id) => !has.has(id)),
    photosAdded: after.photos.map((p) => p.id).filter((id) => !had.has(id)),
  }
}

/** Each revision against the one before it, newest first (versions in any order in). */
export function versionHistory<V extends VersionContent>(versions: readonly V[]): VersionChange<V>[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version)
  const out: VersionChange<V>[] = []
  for (let i = sorted.length - 1; i > 0; i--) out.push(versionChange(sorted[i - 1]!, sorted[i]!))
  return out
}
