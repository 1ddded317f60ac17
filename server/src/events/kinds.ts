/**
 * The one typed map of event kinds. The log stores the `entity:event` name; the
 * GraphQL enum exposes the key. Add kinds here, never as loose strings.
 */
export const eventKinds = {
  ITEM_SUBMITTED: 'item:submitted',
  ITEM_REVISED: 'item:revised',
  ITEM_REVIEWED: 'item:reviewed',
  INCIDENT_REPORTED: 'incident:reported',
  INCIDENT_UPDATED: 'incident:updated',
  INCIDENT_DEADLINE: 'incident:deadline',
  REMINDER_SENT: 'reminder:sent',
  NOTICE_CHANGED: 'notice:changed',
  QUOTA_CHANGED: 'quota:changed',
} as const;

export type EventKindKey = keyof typeof eventKinds;
export type EventKindName = (typeof eventKinds)[EventKindKey];

const byName = new Map<string, EventKindKey>(
  Object.entries(eventKinds).map(([k, v]) => [v, k as EventKindKey]),
);

export function eventKindKey(name: string): EventKindKey {
  const key = byName.get(name);
  if (!key) throw new Error(`unknown event kind in log: ${name}`);
  return key;
}

/** What one change announces; the log adds seq and time. */
export interface EventDraft {
  kind: EventKindName;
  entityId: string;
  unitId?: string | null;
}

/** A committed event as read back from the log. */
export interface LoggedEvent {
  seq: number;
  kind: EventKindName;
  entityId: string;
  unitId: string | null;
  at: Date;
}
