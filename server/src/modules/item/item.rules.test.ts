import { describe, expect, it } from 'vitest';
import { canRaiseAdoption, planPhotos, SEARCH_LIMITS, searchWords, validateItem } from './item.rules.js';

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

describe('photo plan (the complete new set of an item’s photos)', () => {
  it.each([
    ['adds to none', [], ['a'], { keep: [], detach: [], link: ['a'], after: ['a'] }],
    ['keeps and adds', ['a'], ['a', 'b'], { keep: ['a'], detach: [], link: ['b'], after: ['a', 'b'] }],
    ['drops one, keeps one', ['a', 'b'], ['b'], { keep: ['b'], detach: ['a'], link: [], after: ['b'] }],
    ['drops all', ['a', 'b'], [], { keep: [], detach: ['a', 'b'], link: [], after: [] }],
    ['swaps', ['a'], ['b'], { keep: [], detach: ['a'], link: ['b'], after: ['b'] }],
    ['ignores repeats', ['a'], ['b', 'a', 'b'], { keep: ['a'], detach: [], link: ['b'], after: ['b', 'a'] }],
  ])('%s', (_name, current, wanted, plan) => expect(planPhotos(current, wanted)).toEqual({ ok: true, ...plan }));

  const ids = (n: number, p = 'p') => Array.from({ length: n }, (_, i) => `${p}${i}`);
  it('allows 9 in all, counting the kept ones', () => expect(planPhotos(ids(5), [...ids(5), ...ids(4, 'n')])).toMatchObject({ ok: true }));
  it('allows 9 sent with repeats', () => expect(planPhotos([], [...ids(9), ...ids(9)])).toMatchObject({ ok: true, link: ids(9) }));
  it('refuses a 10th', () =>
    expect(planPhotos(ids(9), [...ids(9), 'n'])).toEqual({ ok: false, violation: expect.objectContaining({ code: 'input/invalid', field: 'attachmentIds' }) }));
});

describe('search words (信息查询)', () => {
  it.each([
    [undefined, []],
    [null, []],
    ['', []],
    ['   ', []],
    ['\u3000\u3000', []],
    ['禁毒', ['禁毒']],
    ['  禁毒 宣传  ', ['禁毒', '宣传']],
    ['禁毒\u3000宣传', ['禁毒', '宣传']],
    ['禁毒\t宣传\n王庄村', ['禁毒', '宣传', '王庄村']],
    ['禁毒 禁毒 宣传', ['禁毒', '宣传']],
    ['GDP 增长', ['GDP', '增长']],
    // LIKE's pattern characters (and its escape) cut words: never sent to the database
    ['完成率100%', ['完成率100']],
    ['宣传_禁毒', ['宣传', '禁毒']],
    ['a\\b', ['a', 'b']],
    ['% _', []],
  ])('%j → %j', (text, words) => {
    expect(searchWords(text)).toEqual({ ok: true, words });
  });

  it('takes exactly the limit of characters and refuses one more', () => {
    const atLimit = '禁'.repeat(SEARCH_LIMITS.chars);
    expect(searchWords(atLimit)).toEqual({ ok: true, words: [atLimit] });
    const over = searchWords('禁'.repeat(SEARCH_LIMITS.chars + 1));
    expect(over).toMatchObject({ ok: false, violation: { code: 'input/too_long', field: 'text' } });
  });

  it('counts characters, not UTF-16 units, and not the blanks around the text', () => {
    expect(searchWords('𠀀'.repeat(SEARCH_LIMITS.chars)).ok).toBe(true);
    expect(searchWords(`  ${'禁'.repeat(SEARCH_LIMITS.chars)}  `).ok).toBe(true);
  });

  it('takes exactly the limit of words (repeats counted once) and refuses one more', () => {
    expect(searchWords('一 二 三 四 五')).toEqual({ ok: true, words: ['一', '二', '三', '四', '五'] });
    expect(searchWords('一 二 三 四 五 五')).toEqual({ ok: true, words: ['一', '二', '三', '四', '五'] });
    expect(searchWords('一 二 三 四 五 六')).toMatchObject({ ok: false, violation: { code: 'input/invalid', field: 'text' } });
  });
});

describe('a later, higher adoption', () => {
  it.each([
    [null, 'WEBSITE', true],
    [null, 'PROVINCE', true],
    ['WEBSITE', 'BULLETIN', true],
    ['WEBSITE', 'PROVINCE', true],
    ['BULLETIN', 'COUNTY', true],
    ['COUNTY', 'CITY', true],
    ['CITY', 'PROVINCE', true],
    ['WEBSITE', 'WEBSITE', false],
    ['COUNTY', 'COUNTY', false],
    ['PROVINCE', 'PROVINCE', false],
    ['COUNTY', 'BULLETIN', false],
    ['PROVINCE', 'WEBSITE', false],
    ['CITY', 'COUNTY', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canRaiseAdoption(from, to)).toBe(allowed);
  });
});
