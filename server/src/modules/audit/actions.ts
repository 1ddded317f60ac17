// Every action the audit trail records. The web shows each under its Chinese name
// (web/src/i18n: `admin.audit.actions`); a test checks that none is missing there.

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_locked',
  'auth.sign_out',
  'auth.display_token',
  'auth.revoke',
  'admin.person.create',
  'admin.person.update',
  'admin.unit.create',
  'admin.unit.update',
  'item.submit',
  'item.revise',
  'item.review.adopt',
  'item.review.not_adopt',
  'item.review.return',
  'incident.report',
  'incident.acknowledge',
  'incident.update',
  'incident.request_approval',
  'incident.approve',
  'incident.reject',
  'incident.report_to_county',
  'incident.report_to_county_personally',
  'incident.report_to_county_refused',
  'reminder.send',
  'notice.generate',
  'notice.publish',
  'assessment.scheme',
  'quota.raise.set',
  'quota.raise.update',
  'quota.raise.remove',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
