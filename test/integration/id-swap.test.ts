import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;
let villageItem: string;
let villageIncident: string;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
  villageItem = (await gql(srv.url, SUBMIT, { input: itemInput(fx.units.village, 'secret') }, fx.tokens.infVillage)).data.submitItem.id;
  villageIncident = (await report(srv.url, fx.tokens.infVillage, fx.units.village)).id;
  await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'mine') }, fx.tokens.infDept);
});
afterAll(() => srv.stop());

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

describe('ids swapped across units', () => {
  it('an informant cannot read another unit’s item or incident by id, and lists never show them', async () => {
    expect(code(await gql(srv.url, 'query($id: ID!) { item(id: $id) { id title } }', { id: villageItem }, fx.tokens.infDept))).toBe('auth/forbidden');
    expect(code(await gql(srv.url, 'query($id: ID!) { incident(id: $id) { id title } }', { id: villageIncident }, fx.tokens.infDept))).toBe('auth/forbidden');
    const lists = await gql(srv.url, '{ items(first: 100) { unit { id } } itemCount incidents { id } }', {}, fx.tokens.infDept);
    expect(lists.data.items.every((i: any) => i.unit.id === fx.units.dept)).toBe(true);
    expect(lists.data.itemCount).toBe(1);
    expect(lists.data.incidents).toEqual([]);
    expect((await gql(srv.url, 'query($u: ID!) { items(filter: { unitId: $u }) { id } }', { u: fx.units.village }, fx.tokens.infDept)).data.items).toEqual([]);
  });

  it('an informant cannot act on another unit’s item or incident', async () => {
    const { unitId: _u, ...rest } = itemInput(fx.units.village, 'x');
    expect(code(await gql(srv.url, 'mutation($id: ID!, $i: ReviseItemInput!) { reviseItem(id: $id, input: $i) { id } }', { id: villageItem, i: rest }, fx.tokens.infDept))).toBe('auth/forbidden');
    expect(code(await gql(srv.url, 'mutation($id: ID!) { addIncidentUpdate(id: $id, input: { progress: "冒充" }) { id } }', { id: villageIncident }, fx.tokens.infDept))).toBe('auth/forbidden');
  });

  it('the leader in charge reads their units in full; the wall display reads only summaries', async () => {
    const full = 'query($id: ID!) { item(id: $id) { title body author { name } } }';
    expect((await gql(srv.url, full, { id: villageItem }, fx.tokens.leader)).data.item.body).toContain('secret');
    const display = await gql(srv.url, full, { id: villageItem }, fx.tokens.display);
    expect(code(display)).toBe('auth/forbidden');
    expect((await gql(srv.url, 'query($id: ID!) { item(id: $id) { title status unit { name } } }', { id: villageItem }, fx.tokens.display)).data.item.title).toContain('secret');
    const phone = await gql(srv.url, 'query($id: ID!) { incident(id: $id) { reporterPhone } }', { id: villageIncident }, fx.tokens.display);
    expect(code(phone)).toBe('auth/forbidden');
  });

  it('exports the audit trail to the admin only', async () => {
    const url = `http://127.0.0.1:${srv.port}/exports/audit.csv`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${fx.tokens.office}` } })).status).toBe(403);
    const res = await fetch(url, { headers: { authorization: `Bearer ${fx.tokens.admin}` } });
    expect(res.status).toBe(200);
    const lines = Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('序号,时间,操作人,角色,地址,操作,对象类型,对象,修改前,修改后,哈希');
    expect(lines.some((l) => l.includes('item.submit'))).toBe(true);
  });
});
