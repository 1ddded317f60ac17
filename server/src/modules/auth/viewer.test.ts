import { describe, expect, it } from 'vitest';
import { DISPLAY_RENEW_EVERY_MS, DISPLAY_TTL_MS, displayRenewal, grantsOf, SEEN_EVERY_MS, seenDue, viewerOf } from './viewer.js';

const now = new Date('2026-11-27T16:00:00+08:00');
const session = (over: Partial<Parameters<typeof viewerOf>[0]> = {}, person: Partial<Parameters<typeof viewerOf>[0]['person']> = {}) => ({
  id: 's1',
  personId: 'p1',
  kind: 'USER',
  revokedAt: null,
  expiresAt: new Date(now.getTime() + 1),
  ...over,
  person: { name: '钱立新', unitId: null, active: true, roles: [{ role: 'LEADER' as const }], inCharge: [{ id: 'u2' }, { id: 'u1' }], ...person },
});

describe('viewerOf: who a session stands for now', () => {
  it('a session that expires one millisecond from now still stands; at its expiry it does not', () => {
    expect(viewerOf(session(), now)).toMatchObject({ personId: 'p1', sessionId: 's1', kind: 'USER', unitsInCharge: ['u2', 'u1'] });
    expect(viewerOf(session({ expiresAt: now }), now)).toBeNull();
  });

  it('nobody once revoked, or once the account is deactivated', () => {
    expect(viewerOf(session({ revokedAt: new Date(now.getTime() - 1) }), now)).toBeNull();
    expect(viewerOf(session({}, { active: false }), now)).toBeNull();
  });

  it('a display token reads the dashboard only, whatever its account may do', () => {
    const v = viewerOf(session({ kind: 'DISPLAY' }, { roles: [{ role: 'ADMIN' }, { role: 'DUTY' }] }), now)!;
    expect([...v.roles]).toEqual(['DUTY']);
    expect(v.unitsInCharge).toEqual([]);
    expect(v.kind).toBe('DISPLAY');
  });
});

describe('grantsOf: whether an open connection may go on as it is', () => {
  const grants = (s: ReturnType<typeof session>) => grantsOf(viewerOf(s, now)!);
  const base = grants(session());

  it('the same grants in another order, or another name or phone, compare equal', () => {
    expect(grants(session({}, { inCharge: [{ id: 'u1' }, { id: 'u2' }] }))).toBe(base);
    expect(grants(session({}, { roles: [{ role: 'INFORMANT' }, { role: 'LEADER' }] }))).toBe(grants(session({}, { roles: [{ role: 'LEADER' }, { role: 'INFORMANT' }] })));
    expect(grants(session({}, { name: '钱立' }))).toBe(base);
  });

  it('a role added or taken away, another unit, a unit more or less in charge: different', () => {
    for (const changed of [
      session({}, { roles: [{ role: 'LEADER' }, { role: 'OFFICE' }] }),
      session({}, { roles: [] }),
      session({}, { unitId: 'u9' }),
      session({}, { inCharge: [{ id: 'u1' }] }),
      session({}, { inCharge: [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }] }),
      session({ kind: 'DISPLAY' }),
    ]) {
      expect(grants(changed)).not.toBe(base);
    }
  });
});

describe('displayRenewal: a running wall is never logged out by the calendar', () => {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const display = (expiresInMs: number, over: Partial<Parameters<typeof viewerOf>[0]> = {}, person = {}) =>
    session({ kind: 'DISPLAY', expiresAt: at(expiresInMs), ...over }, { roles: [{ role: 'DUTY' }], ...person });
  const renewedTo = at(DISPLAY_TTL_MS);

  it('renewed to a year from now once its last renewal is a day old, not before', () => {
    expect(displayRenewal(display(DISPLAY_TTL_MS - DISPLAY_RENEW_EVERY_MS), now)).toEqual(renewedTo);
    expect(displayRenewal(display(DISPLAY_TTL_MS - DISPLAY_RENEW_EVERY_MS + 1), now)).toBeNull();
    expect(displayRenewal(display(DISPLAY_TTL_MS), now)).toBeNull();
  });

  it('renewed in its last millisecond; at its expiry it is over and stays over', () => {
    expect(displayRenewal(display(1), now)).toEqual(renewedTo);
    expect(displayRenewal(display(0), now)).toBeNull();
    expect(displayRenewal(display(-1), now)).toBeNull();
  });

  it('never a revoked token, one whose account is deactivated, or a user session', () => {
    expect(displayRenewal(display(1000, { revokedAt: at(-1) }), now)).toBeNull();
    expect(displayRenewal(display(1000, {}, { active: false }), now)).toBeNull();
    expect(displayRenewal(session({ expiresAt: at(1000) }), now)).toBeNull();
  });
});

describe('seenDue: whether a use of a session is noted', () => {
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('once the last noted use is ten minutes old, or none was; nothing in between', () => {
    expect(seenDue({ lastSeenAt: null }, now)).toBe(true);
    expect(seenDue({ lastSeenAt: undefined }, now)).toBe(true);
    expect(seenDue({ lastSeenAt: at(-SEEN_EVERY_MS) }, now)).toBe(true);
    expect(seenDue({ lastSeenAt: at(-SEEN_EVERY_MS + 1) }, now)).toBe(false);
    // a clock set back: not noted again until it is ten minutes past
    expect(seenDue({ lastSeenAt: at(1000) }, now)).toBe(false);
  });
});
