import { describe, expect, it } from 'vitest'
import { emptySearch, excerpt, filterQuery, higherLevels, markTerms, pageInfo, searchFilter, searchFromQuery, searchTerms } from './item-search'

describe('searchFilter', () => {
  it('leaves blank choices out and trims the words', () => {
    expect(searchFilter(emptySearch(), '2026')).toEqual({ period: '2026', text: null, unitId: null, category: null, status: null, level: null })
    expect(searchFilter({ text: '  禁毒 宣传 ', unitId: 'u-1', category: 'MEETING', status: 'SUBMITTED', level: '' }, '2026-11')).toEqual({
      period: '2026-11',
      text: '禁毒 宣传',
      unitId: 'u-1',
      category: 'MEETING',
      status: 'SUBMITTED',
      level: null,
    })
  })

  it('takes a level to mean adopted, whatever status was chosen', () => {
    expect(searchFilter({ ...emptySearch(), status: 'RETURNED', level: 'COUNTY' }, null)).toMatchObject({ status: 'ADOPTED', level: 'COUNTY', period: null })
  })
})

describe('searchTerms', () => {
  it('splits as the server does', () => {
    expect(searchTerms(' 禁毒\u3000宣传 禁毒 ')).toEqual(['禁毒', '宣传'])
    expect(searchTerms('完成率100%')).toEqual(['完成率100'])
    expect(searchTerms('宣传_禁毒')).toEqual(['宣传', '禁毒'])
    expect(searchTerms('   ')).toEqual([])
  })
})

describe('markTerms', () => {
  it('marks every occurrence of every word, joining neighbouring runs', () => {
    expect(markTerms('召开禁毒宣传工作会', ['禁毒', '宣传'])).toEqual([
      { text: '召开', hit: false },
      { text: '禁毒宣传', hit: true },
      { text: '工作会', hit: false },
    ])
    expect(markTerms('禁毒，再禁毒', ['禁毒'])).toEqual([
      { text: '禁毒', hit: true },
      { text: '，再', hit: false },
      { text: '禁毒', hit: true },
    ])
  })

  it('finds Latin letters in either case, keeping the text as written', () => {
    expect(markTerms('一季度GDP增长', ['gdp'])).toEqual([
      { text: '一季度', hit: false },
      { text: 'GDP', hit: true },
      { text: '增长', hit: false },
    ])
  })

  it('marks overlapping words as one run', () => {
    expect(markTerms('乡村振兴', ['乡村', '村振'])).toEqual([{ text: '乡村振', hit: true }, { text: '兴', hit: false }])
  })

  it('is the text unmarked without words, and nothing for no text', () => {
    expect(markTerms('秋收进度', [])).toEqual([{ text: '秋收进度', hit: false }])
    expect(markTerms('秋收进度', ['禁毒'])).toEqual([{ text: '秋收进度', hit: false }])
    expect(markTerms('', ['禁毒'])).toEqual([])
  })
})

describe('excerpt', () => {
  const body = `${'甲'.repeat(50)}禁毒${'乙'.repeat(100)}`

  it('cuts a line around the first word found, marking the cuts', () => {
    expect(excerpt(body, ['禁毒'], 10)).toBe(`…${'甲'.repeat(10)}禁毒${'乙'.repeat(18)}…`)
  })

  it('does not cut where the text begins or ends', () => {
    expect(excerpt('开展禁毒宣传。', ['禁毒'], 10)).toBe('开展禁毒宣传。')
  })

  it('takes the earliest of several words, in either case, on one line', () => {
    expect(excerpt('第一行\n有GDP\n和禁毒', ['禁毒', 'gdp'], 10)).toBe('第一行 有GDP 和禁毒')
  })

  it('is null when no word is in the text', () => {
    expect(excerpt('秋收进度', ['禁毒'])).toBeNull()
    expect(excerpt('秋收进度', [])).toBeNull()
  })
})

describe('higherLevels', () => {
  it('lists the levels above an adoption, none above the highest and none for an item not adopted', () => {
    expect(higherLevels('WEBSITE')).toEqual(['BULLETIN', 'COUNTY', 'CITY', 'PROVINCE'])
    expect(higherLevels('COUNTY')).toEqual(['CITY', 'PROVINCE'])
    expect(higherLevels('PROVINCE')).toEqual([])
    expect(higherLevels(null)).toEqual([])
  })
})

describe('pageInfo', () => {
  it('places a page among the whole', () => {
    expect(pageInfo(0, 50, 120)).toEqual({ from: 1, to: 50, total: 120, hasPrevious: false, hasNext: true })
    expect(pageInfo(50, 50, 120)).toEqual({ from: 51, to: 100, total: 120, hasPrevious: true, hasNext: true })
    expect(pageInfo(100, 20, 120)).toEqual({ from: 101, to: 120, total: 120, hasPrevious: true, hasNext: false })
  })

  it('says nothing is shown for no results, and a page emptied by changes still goes back', () => {
    expect(pageInfo(0, 0, 0)).toEqual({ from: 0, to: 0, total: 0, hasPrevious: false, hasNext: false })
    expect(pageInfo(50, 0, 40)).toEqual({ from: 0, to: 50, total: 40, hasPrevious: true, hasNext: false })
  })
})

describe('filterQuery', () => {
  it('names what was searched, leaving blanks out, the words encoded', () => {
    expect(filterQuery(searchFilter({ ...emptySearch(), text: '禁毒 宣传', level: 'COUNTY' }, '2026'))).toBe('period=2026&text=%E7%A6%81%E6%AF%92+%E5%AE%A3%E4%BC%A0&status=ADOPTED&level=COUNTY')
    expect(filterQuery(searchFilter(emptySearch(), null))).toBe('')
    expect(new URLSearchParams(filterQuery(searchFilter({ ...emptySearch(), unitId: 'u-1', category: 'MEETING' }, '2026-11-01..2026-11-15'))).get('period')).toBe('2026-11-01..2026-11-15')
  })
})

describe('searchFromQuery', () => {
  it('reads a search from an address, and back', () => {
    const query = Object.fromEntries(new URLSearchParams('period=2026-Q3&text=%E7%A6%81%E6%AF%92&unitId=u-1&category=MEETING&status=ADOPTED&level=COUNTY'))
    const { form, period } = searchFromQuery(query)
    expect(form).toEqual({ text: '禁毒', unitId: 'u-1', category: 'MEETING', status: 'ADOPTED', level: 'COUNTY' })
    expect(period).toBe('2026-Q3')
    expect(filterQuery(searchFilter(form, period))).toBe('period=2026-Q3&text=%E7%A6%81%E6%AF%92&unitId=u-1&category=MEETING&status=ADOPTED&level=COUNTY')
  })

  it('leaves out what it does not know, takes the first of repeated names, and is blank for no address', () => {
    expect(searchFromQuery({ category: 'NONSENSE', status: 'adopted', level: ['CITY', 'COUNTY'], unitId: null })).toEqual({
      form: { text: '', unitId: '', category: '', status: '', level: 'CITY' },
      period: null,
    })
    expect(searchFromQuery({})).toEqual({ form: emptySearch(), period: null })
  })
})
