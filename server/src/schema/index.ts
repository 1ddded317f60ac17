// Imports every module for its side effect of registering types, then builds.
import { builder } from '../builder.js';
import '../modules/system/system.schema.js';
import '../modules/unit/unit.schema.js';
import '../modules/auth/auth.schema.js';
import '../modules/item/item.schema.js';
import '../modules/stats/stats.schema.js';
import '../modules/incident/incident.schema.js';
import '../modules/assessment/assessment.schema.js';
import '../modules/admin/admin.schema.js';
import '../modules/event/event.schema.js';

export const schema = builder.toSchema({ sortSchema: false });
