import { readAccessToken } from '../../graphql/auth'

/** What `POST /uploads` answers (201). */
export interface UploadedPhoto {
  id: string
  mimeType: string
  size: number
  originalName: string
}

export const MAX_PHOTOS = 9
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export type UploadProblem = 'tooLarge' | 'badType' | 'network' | 'server'

export class UploadError extends Error {
  constructor(
    readonly problem: UploadProblem,
    message: string,
  ) {
    super(message)
  }
}

/** The content type to send: the browser's, or one guessed from the file name (some phones leave it empty). */
export function photoType(file: Pick<File, 'type' | 'name'>): string | null {
  const type = file.type.toLowerCase()
  if ((PHOTO_TYPES as readonly string[]).includes(type)) return type
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg'
  if (type) return null
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg'
  if (ext === 'png') return 'image/png'
  if (ext === 'webp') return 'image/webp'
  return null
}

/** A photo already on an item, as the item's `attachments` list it. */
export interface StoredPhoto {
  id: string
  originalName: string
  url: string
}

/**
 * GET /attachments/<id> needs the bearer header, so a stored photo is fetched as a
 * blob and shown through an object URL (the caller revokes it).
 */
export async function fetchPhotoUrl(url: string): Promise<string> {
  const token = readAccessToken()
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (!res.ok) throw new Error(String(res.status))
  return URL.createObjectURL(await res.blob())
}

/** Checks done before a byte is sent, so a phone on a slow line learns at once. */
export function precheckPhoto(file: Pick<File, 'type' | 'name' | 'size'>): UploadProblem | null {
  if (!photoType(file)) return 'badType'
  if (file.size > MAX_PHOTO_BYTES) return 'tooLarge'
  return null
}

/** Maps an HTTP answer of /uploads to a problem. */
export function problemForStatus(status: number): UploadProblem {
  if (status === 413) return 'tooLarge'
  if (status === 415) return 'badType'
  if (status === 0) return 'network'
  return 'server'
}

/**
 * Sends one photo as the raw request body (XMLHttpRequest, for upload progress).
 * The server strips EXIF/GPS; the answer's id goes into `attachmentIds`.
 */
export function uploadPhoto(
  file: File,
  onProgress: (fraction: number) => void,
): { promise: Promise<UploadedPhoto>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  const promise = new Promise<UploadedPhoto>((resolve, reject) => {
    const type = photoType(file)
    if (!type) return reject(new UploadError('badType', ''))
    xhr.open('POST', '/uploads')
    const token = readAccessToken()
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`)
    xhr.setRequestHeader('content-type', type)
    xhr.setRequestHeader('x-filename', encodeURIComponent(file.name || 'photo'))
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    xhr.onload = () => {
      let body: { id?: string; message?: string } & Partial<UploadedPhoto> = {}
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        // not JSON
      }
      if (xhr.status === 201 || xhr.status === 200) {
        if (body.id) return resolve(body as UploadedPhoto)
        return reject(new UploadError('server', ''))
      }
      reject(new UploadError(problemForStatus(xhr.status), body.message ?? ''))
    }
    xhr.onerror = () => reject(new UploadError('network', ''))
    xhr.onabort = () => reject(new UploadError('network', 'aborted'))
    xhr.send(file)
  })
  return { promise, abort: () => xhr.abort() }
}
