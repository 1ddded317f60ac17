import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

/** Every rejected submit must leave no item, revision, event or audit row behind. */
async function counts() {
  const c = db();
  return Promise.all([c.item.count(), c.itemRevision.count(), c.event.count(), c.auditEntry.count()]);
}

const cases: [string, (fx: Fixture) => Record<string, unknown>, string, RegExp, string?][] = [
  ['an invalid enum value', (f) => itemInput(f.units.dept, 1, { category: 'GOSSIP' }), 'input/invalid', /^请求参数无效：category 取值 "GOSSIP" 不在可选范围内$/],
  ['a missing required field', (f) => { const { title: _t, ...rest } = itemInput(f.units.dept, 1); return rest; }, 'input/invalid', /^请求参数无效：title 必须填写$/],
  ['a field the form does not have', (f) => ({ ...itemInput(f.units.dept, 1), priority: 'high' }), 'input/invalid', /^请求参数无效：priority 不是可填写的项$/],
  ['an unknown unit id', () => itemInput('no-such-unit', 1), 'unit/not_found', /单位不存在/],
  ['an oversized title', (f) => itemInput(f.units.dept, 1, { title: '长'.repeat(201) }), 'input/too_long', /标题不能超过 200 字/],
  ['an oversized body', (f) => itemInput(f.units.dept, 1, { body: 'x'.repeat(20_001) }), 'input/too_long', /正文不能超过 20000 字/],
  ['a blank title', (f) => itemInput(f.units.dept, 1, { title: '   ' }), 'input/invalid', /标题不能为空/],
  ['an event time in the future', (f) => itemInput(f.units.dept, 1, { occurredAt: new Date(Date.now() + 86_400_000).toISOString() }), 'input/invalid', /发生时间不能晚于当前时间/],
  ['a malformed date', (f) => itemInput(f.units.dept, 1, { occurredAt: 'yesterday' }), 'input/invalid', /^请求参数无效：occurredAt 时间格式无效/],
  ['another unit’s id (informant)', (f) => itemInput(f.units.village, 1), 'auth/forbidden', /只能为本单位报送信息/],
];

describe('bad input is refused with a clear Chinese message and a stable code, and writes nothing', () => {
  for (const [name, input, code, message] of cases) {
    it(name, async () => {
      const before = await counts();
      const res = await gql(srv.url, SUBMIT, { input: input(fx) }, fx.tokens.infDept);
      expect(res.data?.submitItem ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });
  }

  it('names the field graphql-js refused, keeping its own words for client authors', async () => {
    const res = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 1, { category: 'GOSSIP' }) }, fx.tokens.infDept);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'input/invalid', fields: ['category'], detail: expect.stringContaining('does not exist in "ItemCategory" enum') });
    const literal = await gql(srv.url, '{ yearScores(year: "2026") { year } }', {}, fx.tokens.office);
    expect(literal.errors?.[0]).toMatchObject({ message: '请求参数无效：应为整数，收到 "2026"', extensions: { code: 'input/invalid' } });
  });

  it('refuses an anonymous submit', async () => {
    const res = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 1) });
    expect(res.errors?.[0]?.extensions?.code).toBe('auth/unauthenticated');
  });

  it('refuses a malformed period with its own code', async () => {
    const res = await gql(srv.url, '{ unitSummary(period: "2026-13") { label } }', {}, fx.tokens.office);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'period/invalid' }, message: expect.stringMatching(/月份无效/) });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await gql(srv.url, 'mutation { signIn(login: "office", password: "nope") { token } }');
    expect(res.errors?.[0]).toMatchObject({ message: '账号或密码错误', extensions: { code: 'auth/bad_credentials' } });
  });
});
