import type { Viewer } from '../../context.js';
import type { Role } from '../../generated/sqlite/enums.js';

// Who a session stands for, and what that person may see: pure, so the connection
// check (session-watch.ts) and each request (auth.service.ts) decide alike.

/** What a session must be read with to make its viewer (see `viewerOf`). */
export const viewerInclude = { person: { include: { roles: true, inCharge: { select: { id: true } } } } } as const;

interface SessionWithPerson {
  id: string;
  personId: string;
  kind: string;
  revokedAt: Date | null;
  expiresAt: Date;
  lastSeenAt?: Date | null;
  person: { name: string; unitId: string | null; active: boolean; roles: { role: Role }[]; inCharge: { id: string }[] };
}

/** The viewer a session stands for now, or null once it is revoked, expired or its account deactivated. */
export function viewerOf(session: SessionWithPerson, now = new Date()): Viewer | null {
  if (session.revokedAt || session.expiresAt <= now || !session.person.active) return null;
  const display = session.kind === 'DISPLAY';
  return {
    personId: session.personId,
    name: session.person.name,
    unitId: session.person.unitId,
    // A display token reads the dashboard and nothing else, whoever created it.
    roles: display ? new Set(['DUTY'] as const) : new Set(session.person.roles.map((r) => r.role)),
    sessionId: session.id,
    kind: display ? 'DISPLAY' : 'USER',
    unitsInCharge: display ? [] : session.person.inCharge.map((u) => u.id),
    expiresAt: session.expiresAt,
  };
}

/**
 * What a viewer may see and do, as one string: two viewers of one session with the same
 * grants compare equal. An open connection whose grants changed (roles, unit, units in
 * charge) must be made again, so that it sees what the person may see now.
 */
export function grantsOf(viewer: Viewer): string {
  return JSON.stringify([viewer.kind, [...viewer.roles].sort(), viewer.unitId, [...viewer.unitsInCharge].sort()]);
}

/** A wall-display token lives a year from its last renewal. */
export const DISPLAY_TTL_MS = 365 * 24 * 3600 * 1000;
/** A display token in use is renewed at most this often (one write a day per display). */
export const DISPLAY_RENEW_EVERY_MS = 24 * 3600 * 1000;

/**
 * The new expiry of a wall-display token used at `now`, or null when it keeps its own.
 * A display that is running renews its token, so a wall is never logged out by the
 * calendar (a year after it was set up, at 3 a.m.); one left unused for a year, revoked,
 * or whose account was deactivated, ends as before and is never revived. User sessions
 * never renew: a phone signs in again after its 12 hours.
 */
export function displayRenewal(session: SessionWithPerson, now: Date): Date | null {
  if (session.kind !== 'DISPLAY' || !viewerOf(session, now)) return null;
  const renewed = now.getTime() + DISPLAY_TTL_MS;
  return renewed - session.expiresAt.getTime() >= DISPLAY_RENEW_EVERY_MS ? new Date(renewed) : null;
}

/** A session's last use is noted at most this often (what the administrator reads: in use, or lying idle). */
export const SEEN_EVERY_MS = 10 * 60_000;

/** Whether a session used at `now` should have its last use noted: the one recorded is `SEEN_EVERY_MS` old, or there is none. */
export function seenDue(session: Pick<SessionWithPerson, 'lastSeenAt'>, now: Date): boolean {
  return !session.lastSeenAt || now.getTime() - session.lastSeenAt.getTime() >= SEEN_EVERY_MS;
}
