import { describe, expect, it } from 'vitest';
import { STRAY_AFTER_MS, looksStored, strayFiles } from './upload.rules.js';

const NOW = Date.parse('2026-11-26T12:00:00+08:00');
const PHOTO = 'a'.repeat(32) + '.jpg';
const OTHER_PHOTO = '0123456789abcdef0123456789abcdef.webp';
const at = (ageMs: number) => NOW - ageMs;

describe('strayFiles', () => {
  it('removes a temporary file once it is an hour old, not a millisecond before', () => {
    const entries = [
      { name: '.upload-aa', mtimeMs: at(STRAY_AFTER_MS) },
      { name: '.upload-bb', mtimeMs: at(STRAY_AFTER_MS - 1) },
    ];
    expect(strayFiles(entries, new Set(), NOW)).toEqual(['.upload-aa']);
  });

  it('removes an old stored photo only when it has no record', () => {
    const entries = [
      { name: PHOTO, mtimeMs: at(2 * STRAY_AFTER_MS) },
      { name: OTHER_PHOTO, mtimeMs: at(2 * STRAY_AFTER_MS) },
    ];
    expect(strayFiles(entries, new Set([PHOTO]), NOW)).toEqual([OTHER_PHOTO]);
  });

  it('keeps a photo written a moment ago whose record is not written yet', () => {
    expect(strayFiles([{ name: PHOTO, mtimeMs: at(1000) }], new Set(), NOW)).toEqual([]);
  });

  it('leaves alone anything it did not write, however old', () => {
    const names = ['README', '.gitkeep', 'A'.repeat(32) + '.jpg', 'a'.repeat(31) + '.jpg', 'a'.repeat(32) + '.gif', 'a'.repeat(32) + '.jpg.bak', 'backup.db'];
    expect(strayFiles(names.map((name) => ({ name, mtimeMs: 0 })), new Set(), NOW)).toEqual([]);
  });

  it('accepts every extension an upload is stored under', () => {
    for (const ext of ['.jpg', '.png', '.webp']) expect(looksStored('f'.repeat(32) + ext)).toBe(true);
    expect(looksStored('f'.repeat(32) + '.jpeg')).toBe(false);
  });
});
