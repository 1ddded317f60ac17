// China Standard Time formatting. Every period and deadline in the domain is CST
// (Asia/Shanghai), whatever time zone the PC showing the page is set to, so nothing
// here may use the local-time getters of Date.

const TIME_ZONE = 'Asia/Shanghai'

export interface CstParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
  hourCycle: 'h23',
})

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** Calendar fields of an instant as seen on a wall clock in China. */
export function cstParts(epochMs: number): CstParts {
  const out: Record<string, string> = {}
  for (const p of partsFormat.formatToParts(new Date(epochMs))) out[p.type] = p.value
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    // some engines still print midnight as "24" under h23-less fallbacks
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS.indexOf(out.weekday ?? ''),
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "14:05:09" */
export function formatCstClock(epochMs: number): string {
  const p = cstParts(epochMs)
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
}

const dateFormats = new Map<string, [Intl.DateTimeFormat, Intl.DateTimeFormat]>()

/** "2026年11月25日 星期三" for zh-CN; the locale decides the words, CST decides the day. */
export function formatCstDate(epochMs: number, locale: string): string {
  let f = dateFormats.get(locale)
  if (!f) {
    f = [
      new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }),
      new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'long' }),
    ]
    dateFormats.set(locale, f)
  }
  const at = new Date(epochMs)
  return `${f[0].format(at)} ${f[1].format(at)}`
}

/** Milliseconds since the epoch for an ISO-8601 string, or null when it is not one. */
export function parseInstant(iso: string | null | undefined): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

/**
 * Short time for lists: "14:05" on the same CST day as `nowMs`, otherwise
 * "11-24 14:05" so an old entry is not mistaken for today's.
 */
export function formatCstListTime(iso: string, nowMs: number): string {
  const ms = parseInstant(iso)
  if (ms === null) return '--:--'
  const p = cstParts(ms)
  const hm = `${pad(p.hour)}:${pad(p.minute)}`
  return sameCstDay(ms, nowMs) ? hm : `${pad(p.month)}-${pad(p.day)} ${hm}`
}

/** Whether two instants fall on the same day in China. */
function sameCstDay(a: number, b: number): boolean {
  return cstDayNumber(a) === cstDayNumber(b)
}

/**
 * When something last happened, for a header: "14:05:09" on the same CST day as
 * `nowMs`, otherwise "11-24 23:59" (a wall reloaded after midnight must not pass
 * yesterday's event off as today's); null when absent.
 */
export function formatCstLastTime(iso: string | null | undefined, nowMs: number): string | null {
  const ms = parseInstant(iso)
  if (ms === null) return null
  return sameCstDay(ms, nowMs) ? formatCstClock(ms) : formatCstListTime(iso!, nowMs)
}


const CST_OFFSET_MS = 8 * 3600_000

/** "2026-11-26T08:06" for an <input type="datetime-local">, as the wall clock reads in China. */
export function toCstInputValue(epochMs: number): string {
  const p = cstParts(epochMs)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/** The instant a datetime-local value means when read as China Standard Time; null if malformed. */
export function fromCstInputValue(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) return null
  const [, y, mo, d, h, mi, s] = m
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0))
  return Number.isNaN(utc) ? null : utc - CST_OFFSET_MS
}

/** "11-26 08:06" (or "2026-11-26 08:06" with the year) in CST, "—" when absent. */
export function formatCstDateTime(iso: string | null | undefined, withYear = false): string {
  const ms = parseInstant(iso)
  if (ms === null) return '—'
  const p = cstParts(ms)
  const date = `${pad(p.month)}-${pad(p.day)}`
  return `${withYear ? `${p.year}-` : ''}${date} ${pad(p.hour)}:${pad(p.minute)}`
}

/** Period keys the API takes, for the CST day/month/quarter/year containing `epochMs`. */
export function cstPeriodKeys(epochMs: number) {
  const p = cstParts(epochMs)
  return {
    day: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    month: `${p.year}-${pad(p.month)}`,
    quarter: `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`,
    year: String(p.year),
  }
}

const DAY_MS = 86_400_000

/**
 * The CST calendar day of an instant as one number (days since 1970-01-01 in China):
 * it changes exactly at midnight in China. China keeps no summer time, so this is
 * arithmetic, cheap enough to run on every tick of a clock.
 */
export function cstDayNumber(epochMs: number): number {
  return Math.floor((epochMs + CST_OFFSET_MS) / DAY_MS)
}
