/**
 * Photo uploads (会议照片): recognise JPEG, PNG and WebP by their bytes (never by
 * the name or the declared type) and strip metadata — EXIF (with GPS position),
 * XMP, IPTC, comments and text chunks — without re-encoding the picture.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export function sniffImage(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export class ImageError extends Error {
  override name = 'ImageError';
}

/** JPEG: drop APP1 (EXIF, XMP), APP13 (IPTC) and COM segments; keep JFIF, ICC and the image data. */
export function stripJpeg(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new ImageError('JPEG 结构无效');
    const marker = b[i + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      out.push(b.subarray(i)); // start of scan: the rest is entropy-coded image data
      return Buffer.concat(out);
    }
    if (i + 4 > b.length) throw new ImageError('JPEG 数据不完整');
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) throw new ImageError('JPEG 段长度无效');
    const drop = marker === 0xe1 || marker === 0xed || marker === 0xfe;
    if (!drop) out.push(b.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  throw new ImageError('JPEG 缺少图像数据');
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** PNG: drop eXIf and text chunks; the CRCs of kept chunks stay valid. */
export function stripPng(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > b.length) throw new ImageError('PNG 数据不完整');
    if (!PNG_DROP.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new ImageError('PNG 缺少结束块');
}

/** WebP: drop EXIF and XMP chunks and clear their flags in VP8X. */
export function stripWebp(b: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const fourcc = b.toString('latin1', i, i + 4);
    const size = b.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > b.length) throw new ImageError('WebP 数据不完整');
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      const chunk = Buffer.from(b.subarray(i, Math.min(end, b.length)));
      if (fourcc === 'VP8X') chunk[8] = chunk[8]! & ~0x0c; // flags byte: XMP (0x04) and EXIF (0x08)
      chunks.push(chunk);
    }
    i = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

export function stripMetadata(b: Buffer, type: ImageType): Buffer {
  return type === 'image/jpeg' ? stripJpeg(b) : type === 'image/png' ? stripPng(b) : stripWebp(b);
}

export const EXTENSION: Record<ImageType, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' };
