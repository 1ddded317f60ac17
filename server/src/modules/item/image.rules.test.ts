import { describe, expect, it } from 'vitest';
import { jpegWithGps } from '../../../../test/helpers/images.js';
import { sniffImage, stripJpeg, stripPng, stripWebp } from './image.rules.js';

const pngChunk = (type: string, data: Buffer) => {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(data.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, data, Buffer.alloc(4)]);
};

describe('image sniffing', () => {
  it.each([
    [jpegWithGps(), 'image/jpeg'],
    [Buffer.from('89504e470d0a1a0a0000', 'hex'), 'image/png'],
    [Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'), 'image/webp'],
    [Buffer.from('<html><script>alert(1)</script></html>'), null],
    [Buffer.from('GIF89a'), null],
    [Buffer.alloc(0), null],
  ])('%#', (b, t) => expect(sniffImage(b)).toBe(t));
});

describe('metadata stripping', () => {
  it('removes EXIF (GPS) and comments from a JPEG, keeping the image data', () => {
    const clean = stripJpeg(jpegWithGps());
    expect(clean.toString('latin1')).not.toMatch(/GPS|Exif|李家村/);
    expect(clean.toString('latin1')).toContain('JFIF');
    expect(clean.subarray(-14)).toEqual(Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0x11, 0x22, 0xff, 0xd9]));
  });
  it('refuses a truncated JPEG', () => expect(() => stripJpeg(jpegWithGps().subarray(0, 30))).toThrow());
  it('removes eXIf and text chunks from a PNG', () => {
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      pngChunk('IHDR', Buffer.alloc(13)),
      pngChunk('eXIf', Buffer.from('GPS 31N')),
      pngChunk('tEXt', Buffer.from('Comment\0here')),
      pngChunk('IDAT', Buffer.alloc(10, 7)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    const clean = stripPng(png);
    expect(clean.toString('latin1')).not.toMatch(/eXIf|tEXt|GPS/);
    expect(clean.toString('latin1')).toMatch(/IHDR[\s\S]*IDAT[\s\S]*IEND/);
  });
  it('removes EXIF from a WebP and clears its flag', () => {
    const chunk = (c: string, d: Buffer) => {
      const h = Buffer.alloc(8);
      h.write(c, 0, 'latin1');
      h.writeUInt32LE(d.length, 4);
      return Buffer.concat([h, d, d.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08;
    const body = Buffer.concat([chunk('VP8X', vp8x), chunk('VP8 ', Buffer.alloc(20, 3)), chunk('EXIF', Buffer.from('GPS 31.2N'))]);
    const riff = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBP', 'latin1'), body]);
    riff.writeUInt32LE(riff.length - 8, 4);
    const clean = stripWebp(riff);
    expect(clean.toString('latin1')).not.toMatch(/EXIF|GPS/);
    expect(clean.readUInt32LE(4)).toBe(clean.length - 8);
    expect(clean[20]! & 0x08).toBe(0);
  });
});
