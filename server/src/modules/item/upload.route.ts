import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerFrom } from '../../context.js';
import { db } from '../../db.js';
import { log } from '../../log.js';
import { resolveViewer } from '../auth/auth.service.js';
import { canReadItem, isDisplay } from '../auth/policy.js';
import { EXTENSION, ImageError, sniffImage, stripMetadata } from './image.rules.js';
import { TEMP_PREFIX } from './upload.rules.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function headersOf(req: IncomingMessage): Headers {
  return new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
}

/**
 * POST /uploads — the body is the photo itself. It is streamed to a temporary
 * file and cut off at MAX_UPLOAD_BYTES, so an oversized upload never sits in
 * memory; then recognised by its bytes, stripped of metadata and stored under a
 * random name in the upload folder (outside the web root). The Authorization
 * header it requires cannot be sent by a cross-site form, so no CSRF token is needed.
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, dir: string): Promise<void> {
  const token = bearerFrom(headersOf(req));
  const viewer = token ? await resolveViewer(token) : null;
  if (!viewer) return json(res, 401, { code: 'auth/unauthenticated', message: '请先登录' });
  if (isDisplay(viewer)) return json(res, 403, { code: 'auth/forbidden', message: '无权上传' });
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_UPLOAD_BYTES) {
    req.resume();
    return json(res, 413, { code: 'upload/too_large', message: `照片不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
  }
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
  let size = 0;
  const tooLarge = await new Promise<boolean>((resolve, reject) => {
    const out = fs.createWriteStream(tmp, { flags: 'wx' });
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) {
        req.unpipe(out);
        req.pause();
        out.destroy();
        resolve(true);
      }
    });
    req.pipe(out);
    out.on('finish', () => resolve(false));
    out.on('error', reject);
    req.on('error', reject);
  });
  try {
    if (tooLarge) {
      res.setHeader('connection', 'close');
      return json(res, 413, { code: 'upload/too_large', message: `照片不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
    }
    const bytes = fs.readFileSync(tmp);
    const type = sniffImage(bytes);
    if (!type) return json(res, 415, { code: 'upload/bad_type', message: '只能上传 JPEG、PNG 或 WebP 照片' });
    let clean: Buffer;
    try {
      clean = stripMetadata(bytes, type);
    } catch (err) {
      if (err instanceof ImageError) return json(res, 415, { code: 'upload/bad_type', message: `照片文件已损坏：${err.message}` });
      throw err;
    }
    const storedName = randomBytes(16).toString('hex') + EXTENSION[type];
    fs.writeFileSync(path.join(dir, storedName), clean, { flag: 'wx' });
    const rawName = String(req.headers['x-filename'] ?? 'photo');
    let originalName = rawName;
    try {
      originalName = decodeURIComponent(rawName);
    } catch {
      /* keep as sent */
    }
    const a = await db().attachment.create({
      data: {
        storedName,
        originalName: originalName.replace(/[\\/\0]/g, '_').slice(0, 200),
        mimeType: type,
        size: clean.length,
        sha256: createHash('sha256').update(clean).digest('hex'),
        uploadedById: viewer.personId,
      },
    });
    return json(res, 201, { id: a.id, mimeType: a.mimeType, size: a.size, originalName: a.originalName });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * GET /attachments/<id> — for those who may read the item it is on, or was sent
 * with in an earlier version (a photo a revision took off); before it is sent with
 * any item, for its uploader only.
 */
export async function handleAttachment(req: IncomingMessage, res: ServerResponse, dir: string): Promise<void> {
  const token = bearerFrom(headersOf(req));
  const viewer = token ? await resolveViewer(token) : null;
  if (!viewer) return json(res, 401, { code: 'auth/unauthenticated', message: '请先登录' });
  const id = new URL(req.url ?? '/', 'http://x').pathname.split('/')[2] ?? '';
  const a = await db().attachment.findUnique({
    where: { id },
    include: { item: { select: { unitId: true } }, revisions: { take: 1, select: { revision: { select: { item: { select: { unitId: true } } } } } } },
  });
  // a photo is only ever sent with one item, so any version that carried it names the unit
  const unitId = a?.item?.unitId ?? a?.revisions[0]?.revision.item.unitId;
  const allowed = a && (unitId !== undefined ? canReadItem(viewer, unitId) : a.uploadedById === viewer.personId);
  if (!a || !allowed) return json(res, 404, { code: 'not_found', message: '附件不存在' });
  // a record whose file is gone (a folder restored from an older backup, say) is a
  // missing photo, not a reason for the server to fall over
  let file: fs.promises.FileHandle;
  try {
    file = await fs.promises.open(path.join(dir, a.storedName), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    log.warn('attachment file missing', { attachmentId: a.id, storedName: a.storedName });
    return json(res, 404, { code: 'not_found', message: '附件文件缺失' });
  }
  res.writeHead(200, {
    'content-type': a.mimeType,
    'content-length': a.size,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'",
    'cache-control': 'private, max-age=3600',
  });
  const stream = file.createReadStream();
  stream.on('error', (err) => {
    log.warn('attachment read failed', { attachmentId: a.id, err });
    res.destroy();
  });
  res.on('close', () => stream.destroy()); // a client gone mid-photo: close the file (autoClose)
  stream.pipe(res);
}
