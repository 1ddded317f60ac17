import { jpegWithGps } from './images.js';

/**
 * Uploads a photo as `token` (POST /uploads, the raw image as the body) and returns
 * the attachment's id. Anything but 201 fails the caller with the server's answer.
 */
export async function uploadPhoto(origin: string, token: string, bytes: Buffer = jpegWithGps(), name?: string): Promise<string> {
  const res = await fetch(`${origin}/uploads`, {
    method: 'POST',
    body: new Uint8Array(bytes),
    headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${token}`, ...(name ? { 'x-filename': encodeURIComponent(name) } : {}) },
  });
  if (res.status !== 201) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
