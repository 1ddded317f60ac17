import { readAccessToken } from '../graphql/auth'

/**
 * Fetches an export with the bearer header (tokens never go into URLs) and saves
 * it under the server's file name. Rejects with the server's Chinese message.
 */
export async function downloadExport(path: string, fallbackName: string): Promise<void> {
  const token = readAccessToken()
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (!res.ok) {
    let message = `HTTP ${res.status}`
    try {
      message = ((await res.json()) as { message?: string }).message ?? message
    } catch {
      // not JSON
    }
    throw new Error(message)
  }
  const blob = await res.blob()
  const name = fileNameFrom(res.headers.get('content-disposition')) ?? fallbackName
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The file name from Content-Disposition, preferring the UTF-8 `filename*` form. */
export function fileNameFrom(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain?.[1] ?? null
}
