// Hand-built image files for upload tests: small, deterministic, with metadata to strip.
const seg = (marker: number, payload: Buffer) => {
  const h = Buffer.alloc(4);
  h[0] = 0xff;
  h[1] = marker;
  h.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([h, payload]);
};
/** A JPEG skeleton: JFIF, an EXIF segment with a GPS tag, a comment, then scan data. */
export function jpegWithGps(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('GPSLatitude 31.2304N GPSLongitude 121.4737E')])),
    seg(0xfe, Buffer.from('taken at 李家村')),
    seg(0xdb, Buffer.alloc(65, 1)),
    Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0x11, 0x22, 0xff, 0xd9]),
  ]);
}


/**
 * A real JPEG (one that a browser decodes: `canvasJpeg` in e2e-helpers draws one)
 * with the same EXIF segment carrying GPS inserted after its JFIF header, so
 * screenshots show the photo while the upload still has metadata to strip.
 */
export function withGps(jpeg: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  // after SOI, and after an APP0 (JFIF) segment if there is one
  const at = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + jpeg.readUInt16BE(4) : 2;
  const exif = seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('GPSLatitude 31.2304N GPSLongitude 121.4737E')]));
  return Buffer.concat([jpeg.subarray(0, at), exif, jpeg.subarray(at)]);
}
