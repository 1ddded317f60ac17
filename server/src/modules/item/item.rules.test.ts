import { describe, expect, it } from 'vitest';
import { validateItem } from './item.rules.js';

const now = new Date('2026-11-25T08:00:00Z');
const ok = { title: '标题', body: '正文', occurredAt: new Date('2026-11-25T07:00:00Z') };

describe('item validation', () => {
  it('accepts a plain item', () => expect(validateItem(ok, now)).toEqual([]));
  it.each([
    [{ title: '' }, 'title', 'input/invalid'],
    [{ title: ' \n ' }, 'title', 'input/invalid'],
    [{ body: '' }, 'body', 'input/invalid'],
    [{ title: '字'.repeat(201) }, 'title', 'input/too_long'],
    [{ body: 'a'.repeat(20_001) }, 'body', 'input/too_long'],
    [{ meetingSummary: 'a'.repeat(5_001) }, 'meetingSummary', 'input/too_long'],
    [{ occurredAt: new Date('2026-11-25T08:05:01Z') }, 'occurredAt', 'input/invalid'], // beyond the 5-minute slack
    [{ occurredAt: new Date('1999-12-31T00:00:00Z') }, 'occurredAt', 'input/invalid'],
    [{ occurredAt: new Date(NaN) }, 'occurredAt', 'input/invalid'],
  ])('%j is refused on %s', (patch, field, code) => {
    expect(validateItem({ ...ok, ...patch }, now)).toEqual([expect.objectContaining({ field, code })]);
  });
  it.each([
    [{ title: '字'.repeat(200) }],
    [{ title: '😀'.repeat(200) }], // counted as characters, not UTF-16 units
    [{ occurredAt: new Date('2026-11-25T08:05:00Z') }],
  ])('%j is accepted at the limit', (patch) => expect(validateItem({ ...ok, ...patch }, now)).toEqual([]));
  it('reports every problem at once', () => {
    expect(validateItem({ title: '', body: '', occurredAt: new Date(NaN) }, now).map((v) => v.field)).toEqual(['title', 'body', 'occurredAt']);
  });
});
