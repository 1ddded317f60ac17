import type { Viewer } from '../../context.js';

/** Who did it, as the audit trail records them. */
export const actor = (v: Viewer) => ({ actorId: v.personId, actorRoles: [...v.roles].join(',') });
