import type { UnitKind } from '../../generated/sqlite/enums.js';

/** 单位类别 in words, for documents the server writes (exports, the notice's note). */
export const UNIT_KIND_LABEL: Record<UnitKind, string> = { OFFICE: '党政办', DEPARTMENT: '部门', COMMUNITY: '社区', VILLAGE: '行政村' };
