import { CombinedError } from '@urql/core'
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'
import { fieldsWithoutNumber, refusedFields } from './scoring-scheme'

const scheme = {
  perItem: 1,
  perMonthQuotaMet: 5,
  perQuarterQuotaMet: 10,
  perLateReport: -5,
  perConcealedReport: -20,
  perAdoption: { WEBSITE: 2, BULLETIN: 3, COUNTY: 5, CITY: 8, PROVINCE: 12 },
}

describe('scoring scheme form', () => {
  it('finds the inputs without a number (an emptied number input gives "")', () => {
    expect(fieldsWithoutNumber(scheme)).toEqual([])
    expect(fieldsWithoutNumber({ ...scheme, perItem: '' as never, perAdoption: { ...scheme.perAdoption, CITY: Number.NaN } })).toEqual(['perItem', 'perAdoption.CITY'])
    // 0 and negative numbers are numbers; whether they are allowed is the server's rule
    expect(fieldsWithoutNumber({ ...scheme, perItem: 0, perLateReport: 7 })).toEqual([])
  })

  it('reads the fields a refusal names', () => {
    const refusal = new CombinedError({ graphQLErrors: [new GraphQLError('考核办法无效', { extensions: { code: 'config/invalid', fields: ['perLateReport'] } })] })
    expect(refusedFields(refusal)).toEqual(['perLateReport'])
    expect(refusedFields(new CombinedError({ networkError: new Error('offline') }))).toEqual([])
    expect(refusedFields(new Error('x'))).toEqual([])
  })
})
