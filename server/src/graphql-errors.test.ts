import { describe, expect, it } from 'vitest';
import { describeInputError } from './graphql-errors.js';

// graphql-js's own words (v16), as it refuses variables and arguments
describe('bad input in Chinese, with the field it is about', () => {
  it.each([
    ['Variable "$input" got invalid value "" at "input.perItem"; Float cannot represent non numeric value: ""', 'perItem 应为数字，收到 ""', 'perItem'],
    ['Variable "$input" got invalid value "GOSSIP" at "input.category"; Value "GOSSIP" does not exist in "ItemCategory" enum.', 'category 取值 "GOSSIP" 不在可选范围内', 'category'],
    [
      'Variable "$input" got invalid value "GOSIP" at "input.category"; Value "GOSIP" does not exist in "ItemCategory" enum. Did you mean the enum value "GOSSIP"?',
      'category 取值 "GOSIP" 不在可选范围内',
      'category',
    ],
    ['Variable "$input" got invalid value { unitId: "u", body: "b" }; Field "title" of required type "String!" was not provided.', 'title 必须填写', 'title'],
    ['Variable "$input" got invalid value { WEBSITE: 2 } at "input.perAdoption"; Field "PROVINCE" of required type "Float!" was not provided.', 'perAdoption.PROVINCE 必须填写', 'perAdoption.PROVINCE'],
    ['Variable "$input" got invalid value { title: "t", extra: 1 }; Field "extra" is not defined by type "SubmitItemInput".', 'extra 不是可填写的项', 'extra'],
    ['Variable "$id" of required type "ID!" was not provided.', 'id 必须填写', 'id'],
    ['Variable "$year" got invalid value "2026"; Int cannot represent non-integer value: "2026"', 'year 应为整数，收到 "2026"', 'year'],
    ['Variable "$input" got invalid value null at "input.title"; Expected value of type "String!", found null.', 'title 必须填写', 'title'],
    // our own scalar's reason is already Chinese: kept
    ['Variable "$input" got invalid value "yesterday" at "input.occurredAt"; 时间格式无效: "yesterday"', 'occurredAt 时间格式无效: "yesterday"', 'occurredAt'],
  ])('%s', (message, text, field) => expect(describeInputError(message)).toEqual({ text, field }));

  it('words a literal argument’s refusal without a field (graphql-js names none)', () =>
    expect(describeInputError('Int cannot represent non-integer value: "2026"')).toEqual({ text: '应为整数，收到 "2026"', field: null }));

  it('leaves what it does not recognise alone', () => expect(describeInputError('Cannot query field "nope" on type "Query".')).toBeNull());
});
