import fs from 'node:fs';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaFile } from '../../server/src/schema/print.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, wsClient, type GqlResult } from '../helpers/graphql.js';
import { incidentInput } from '../helpers/incidents.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

type Role = 'anonymous' | 'informant' | 'leader' | 'office' | 'mainLeader' | 'display' | 'admin';
const ROLES: Role[] = ['anonymous', 'informant', 'leader', 'office', 'mainLeader', 'display', 'admin'];
const ALL = new Set<Role>(ROLES);
const SIGNED_IN = new Set<Role>(ROLES.filter((r) => r !== 'anonymous'));
const DASHBOARD = new Set<Role>(['informant', 'leader', 'office', 'mainLeader', 'display']);
const ACTORS = new Set<Role>(['informant', 'leader', 'office', 'mainLeader', 'admin']);
const ASSESSMENT = new Set<Role>(['leader', 'office', 'mainLeader']);
const only = (...r: Role[]) => new Set<Role>(r);

interface Case {
  doc: (f: Fixture) => string;
  vars?: (f: Fixture) => Record<string, unknown>;
  allow: Set<Role>;
}

/**
 * Every root operation of the schema, with who may run it. A field added to the
 * schema without a row here fails the first test below.
 */
const MATRIX: Record<string, Case> = {
  // Query
  serverTime: { doc: () => '{ serverTime }', allow: ALL },
  viewer: { doc: () => '{ viewer { id } }', allow: ALL },
  units: { doc: () => '{ units { id } }', allow: SIGNED_IN },
  unit: { doc: (f) => `{ unit(id: "${f.units.dept}") { id } }`, allow: SIGNED_IN },
  eventSeq: { doc: () => '{ eventSeq }', allow: DASHBOARD },
  lastEventAt: { doc: () => '{ lastEventAt }', allow: DASHBOARD },
  item: { doc: () => '{ item(id: "none") { id } }', allow: DASHBOARD },
  items: { doc: () => '{ items { id } }', allow: DASHBOARD },
  itemCount: { doc: () => '{ itemCount }', allow: DASHBOARD },
  reviewQueue: { doc: () => '{ reviewQueue { id } }', allow: only('office') },
  reviewQueueSummary: { doc: () => '{ reviewQueueSummary { total } }', allow: only('office') },
  unitSummary: { doc: () => '{ unitSummary { submitted } }', allow: DASHBOARD },
  quotaBoard: { doc: () => '{ quotaBoard { rows { unit { id } } } }', allow: DASHBOARD },
  incidents: { doc: () => '{ incidents { id } }', allow: DASHBOARD },
  incident: { doc: () => '{ incident(id: "none") { id } }', allow: DASHBOARD },
  incidentTimeliness: { doc: () => '{ incidentTimeliness(period: "2026") { byUnit { key } } }', allow: ASSESSMENT },
  statistics: { doc: () => '{ statistics(period: "2026-11") { submitted } }', allow: ASSESSMENT },
  monthlyTrend: { doc: () => '{ monthlyTrend { submitted } }', allow: DASHBOARD },
  deadlineConfig: { doc: () => '{ deadlineConfig { lateAfterSec } }', allow: SIGNED_IN },
  scoringScheme: { doc: () => '{ scoringScheme { perItem } }', allow: ASSESSMENT },
  quotaRaises: { doc: () => '{ quotaRaises { id } }', allow: DASHBOARD },
  quotaRules: { doc: () => '{ quotaRules { period } }', allow: DASHBOARD },
  yearScores: { doc: () => '{ yearScores(year: 2026) { year } }', allow: ASSESSMENT },
  reminders: { doc: () => '{ reminders { id } }', allow: ACTORS },
  notices: { doc: () => '{ notices { id } }', allow: SIGNED_IN },
  notice: { doc: () => '{ notice(id: "none") { id } }', allow: SIGNED_IN },
  people: { doc: () => '{ people { id } }', allow: only('office', 'admin') },
  sessions: { doc: () => '{ sessions { id } }', allow: only('office', 'admin') },
  mySessions: { doc: () => '{ mySessions { id } }', allow: SIGNED_IN },
  auditLog: { doc: () => '{ auditLog(first: 1) { id } }', allow: only('admin') },
  verifyAudit: { doc: () => '{ verifyAudit { ok } }', allow: only('admin') },
  // Mutation
  signIn: { doc: () => 'mutation { signIn(login: "nobody", password: "x") { token } }', allow: ALL },
  signOut: { doc: () => 'mutation { signOut }', allow: SIGNED_IN },
  // a wrong current password: answered (auth/bad_credentials) for a person, refused for a wall's token
  // no such session of one's own: answered (input/invalid) for a person, refused for a wall's token
  endMySession: { doc: () => 'mutation { endMySession(sessionId: "none") }', allow: only('informant', 'office', 'leader', 'mainLeader', 'admin') },
  changePassword: { doc: () => 'mutation { changePassword(current: "not-it-1", next: "matrix-pw-12") }', allow: only('informant', 'office', 'leader', 'mainLeader', 'admin') },
  submitItem: {
    doc: () => 'mutation($i: SubmitItemInput!) { submitItem(input: $i) { id } }',
    vars: (f) => ({ i: itemInput(f.units.dept, 'matrix') }),
    // The service lets the unit's informant and the office submit; others are refused there.
    allow: only('informant', 'office'),
  },
  reviseItem: {
    doc: () => 'mutation($i: ReviseItemInput!) { reviseItem(id: "none", input: $i) { id } }',
    vars: (f) => {
      const { unitId: _u, ...rest } = itemInput(f.units.dept, 'x');
      return { i: rest };
    },
    allow: ACTORS,
  },
  reviewItem: { doc: () => 'mutation { reviewItem(id: "none", input: { decision: ADOPT, level: WEBSITE }) { id } }', allow: only('office') },
  reportIncident: {
    doc: () => 'mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { id } }',
    vars: (f) => ({ i: incidentInput(f.units.dept) }),
    allow: only('informant', 'office'),
  },
  addIncidentUpdate: { doc: () => 'mutation { addIncidentUpdate(id: "none", input: { progress: "x" }) { id } }', allow: ACTORS },
  acknowledgeIncident: { doc: () => 'mutation { acknowledgeIncident(id: "none") { id } }', allow: only('office') },
  requestIncidentApproval: { doc: () => 'mutation { requestIncidentApproval(id: "none") { id } }', allow: only('office') },
  decideIncidentApproval: { doc: () => 'mutation { decideIncidentApproval(id: "none", approve: true) { id } }', allow: only('mainLeader') },
  reportIncidentToCounty: { doc: () => 'mutation { reportIncidentToCounty(id: "none", input: { kind: INITIAL, progress: "x" }) { id } }', allow: ACTORS },
  sendReminders: { doc: () => 'mutation { sendReminders(unitIds: ["none"]) { id } }', allow: only('office') },
  setQuotaRaise: { doc: () => 'mutation { setQuotaRaise(input: { period: "2099-12", unitKind: VILLAGE, minimum: 3, reason: "权限检查" }) { id } }', allow: only('office') },
  removeQuotaRaise: { doc: () => 'mutation { removeQuotaRaise(id: "none") }', allow: only('office') },
  setQuotaRule: { doc: () => 'mutation { setQuotaRule(unitKind: VILLAGE, period: MONTH, minimum: 2, effectiveFrom: "2099-01") { id } }', allow: only('office') },
  removeQuotaRule: { doc: () => 'mutation { removeQuotaRule(id: "none") }', allow: only('office') },
  generateNotice: { doc: () => 'mutation { generateNotice(month: "2020-01") { id } }', allow: only('office') },
  publishNotice: { doc: () => 'mutation { publishNotice(id: "none") { id } }', allow: only('office') },
  saveScoringScheme: {
    doc: () => 'mutation { saveScoringScheme(input: { perItem: 1, perAdoption: { WEBSITE: 2, BULLETIN: 3, COUNTY: 5, CITY: 8, PROVINCE: 12 }, perMonthQuotaMet: 5, perQuarterQuotaMet: 10, perLateReport: -5, perConcealedReport: -20 }) { perItem } }',
    allow: only('office'),
  },
  createDisplayToken: { doc: () => 'mutation { createDisplayToken(personId: "none", label: "x") { sessionId } }', allow: only('office', 'admin') },
  revokeSession: { doc: () => 'mutation { revokeSession(sessionId: "none") }', allow: only('office', 'admin') },
  saveUnit: { doc: () => 'mutation { saveUnit(id: "none", input: { name: "x", kind: VILLAGE }) { id } }', allow: only('admin') },
  savePerson: { doc: () => 'mutation { savePerson(id: "none", input: { name: "x", account: "xx", roles: [OFFICE] }) { id } }', allow: only('admin') },
  // Subscription (run over WebSocket only)
  events: { doc: () => 'subscription { events(afterSeq: 0) { seq } }', allow: DASHBOARD },
};

const REFUSALS = new Set(['auth/forbidden', 'auth/unauthenticated', 'incident/no_skipping_levels']);
const refused = (r: GqlResult) => (r.errors ?? []).some((e) => REFUSALS.has(e.extensions?.code as string));
const tokenOf = (role: Role): string | undefined =>
  role === 'anonymous'
    ? undefined
    : role === 'informant'
      ? fx.tokens.infDept
      : fx.tokens[role as 'leader' | 'office' | 'mainLeader' | 'display' | 'admin'];

function rootFields(): string[] {
  const schema = buildSchema(fs.readFileSync(schemaFile, 'utf8'));
  return (['Query', 'Mutation', 'Subscription'] as const).flatMap((t) => Object.keys((schema.getType(t) as GraphQLObjectType).getFields()));
}

/** Runs one operation over graphql-ws and returns its first result. */
async function overWs(doc: string, vars: Record<string, unknown> | undefined, token: string | undefined): Promise<GqlResult> {
  const client = wsClient(srv.wsUrl, token);
  try {
    return await new Promise<GqlResult>((resolve, reject) => {
      const stop = client.subscribe(
        { query: doc, variables: vars },
        {
          next: (r) => {
            resolve(r as GqlResult);
            stop();
          },
          error: (e) => (Array.isArray(e) ? resolve({ errors: e as never }) : reject(e)),
          complete: () => resolve({}),
        },
      );
      // A permitted subscription with nothing to send yet is "allowed".
      setTimeout(() => resolve({}), 1500);
    });
  } finally {
    await client.dispose();
  }
}

describe('permission matrix', () => {
  it('covers every root field of the schema', () => {
    expect(rootFields().filter((f) => !(f in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((f) => !rootFields().includes(f))).toEqual([]);
  });

  const rows = Object.entries(MATRIX).flatMap(([field, c]) => ROLES.map((role) => [field, role, c] as const));

  it.each(rows.filter(([field]) => field !== 'events' && field !== 'signOut'))('HTTP %s as %s', async (_field, role, c) => {
    const r = await gql(srv.url, c.doc(fx), c.vars?.(fx), tokenOf(role));
    expect({ refused: refused(r) }).toEqual({ refused: !c.allow.has(role) });
  });

  it.each(rows.filter(([field]) => field !== 'signOut'))('WebSocket %s as %s', async (_field, role, c) => {
    const r = await overWs(c.doc(fx), c.vars?.(fx), tokenOf(role));
    expect({ refused: refused(r) }).toEqual({ refused: !c.allow.has(role) });
  });

  // Last: signing out ends the session used for the other rows.
  it.each(ROLES)('HTTP signOut as %s', async (role) => {
    const r = await gql(srv.url, MATRIX.signOut!.doc(fx), undefined, tokenOf(role));
    expect({ refused: refused(r) }).toEqual({ refused: !MATRIX.signOut!.allow.has(role) });
  });
});
